"""Meetings of the partnership: the weekly triage, casusoverleggen and other recurring meetings.

The core names no case type: an agenda item holds a case of any type. A `Meeting` is a series (a
weekly rule or a single date) with a chair, a place or video link and a referral deadline
("aanmelden vóór maandag 12:00"); a `MeetingOccurrence` is one sitting; an `AgendaItem` puts one
case on one sitting, with the partner organisations invited for that item, who attended, and the
minutes — sealed with the case's data key and kept under a category of that case (the category its
type keeps conference minutes under, `CaseTypeSpec.meeting_category`, else "notes"). An invited
partner without a sharing decision for the case sees an opaque item number only (ADR 0026).
"""
