"""Notification pages (namespace `casework`, included by casework/urls.py): notification_list,
notification_read, notifications_all_read, notification_settings."""

from django.urls import path

from casework.notifications.web import views

urlpatterns: list = [
    path("meldingen/", views.notification_list, name="notification_list"),
    path("meldingen/<int:notification_id>/gelezen/", views.notification_read, name="notification_read"),
    path("meldingen/alles-gelezen/", views.notifications_all_read, name="notifications_all_read"),
    path("meldingen/instellingen/", views.notification_settings, name="notification_settings"),
]
