// Passkeys (WebAuthn) on the login page and the account page (accounts/passkeys.py, docs/adr/0036).
// Login: fetch a challenge, let the browser sign it with a passkey, and send the signature with the
// username and password in the one login form (docs/adr/0005). Account page: create a passkey and send
// the browser's answer with the name the user gave. Without WebAuthn nothing changes on either page.
(function () {
  "use strict";

  function toBytes(value) {
    var base64 = value.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) { base64 += "="; }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes.buffer;
  }

  function toText(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) { binary += String.fromCharCode(bytes[i]); }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (item) { return {type: item.type, id: toBytes(item.id), transports: item.transports}; });
  }

  function fetchOptions(form, url) {
    var token = form.querySelector("input[name=csrfmiddlewaretoken]").value;
    return fetch(url, {method: "POST", credentials: "same-origin", headers: {"X-CSRFToken": token}})
      .then(function (response) {
        if (!response.ok) { throw new Error("options " + response.status); }
        return response.json();
      });
  }

  function assertionJSON(credential) {
    var r = credential.response;
    return JSON.stringify({
      id: credential.id, rawId: toText(credential.rawId), type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null, clientExtensionResults: {},
      response: {
        clientDataJSON: toText(r.clientDataJSON), authenticatorData: toText(r.authenticatorData),
        signature: toText(r.signature), userHandle: r.userHandle ? toText(r.userHandle) : null
      }
    });
  }

  function attestationJSON(credential) {
    var r = credential.response;
    return JSON.stringify({
      id: credential.id, rawId: toText(credential.rawId), type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null, clientExtensionResults: {},
      response: {
        clientDataJSON: toText(r.clientDataJSON), attestationObject: toText(r.attestationObject),
        transports: r.getTransports ? r.getTransports() : []
      }
    });
  }

  function setUpLogin(form) {
    var button = form.querySelector("[data-passkey-button]");
    var failed = form.querySelector("[data-passkey-failed]");
    button.hidden = false;
    button.addEventListener("click", function () {
      failed.hidden = true;
      fetchOptions(form, form.dataset.passkeyLogin).then(function (options) {
        return navigator.credentials.get({publicKey: {
          challenge: toBytes(options.challenge), rpId: options.rpId, timeout: options.timeout,
          allowCredentials: descriptors(options.allowCredentials), userVerification: options.userVerification
        }});
      }).then(function (credential) {
        form.querySelector("input[name=passkey_assertion]").value = assertionJSON(credential);
        form.querySelector("input[name=otp_token]").value = "";
        form.submit();
      }).catch(function () {
        failed.hidden = false;
      });
    });
  }

  function setUpRegistration(form) {
    form.addEventListener("submit", function (event) {
      var answer = form.querySelector("input[name=passkey_attestation]");
      if (answer.value) { return; }
      event.preventDefault();
      fetchOptions(form, form.dataset.passkeyRegister).then(function (options) {
        return navigator.credentials.create({publicKey: {
          challenge: toBytes(options.challenge), rp: options.rp, timeout: options.timeout,
          user: {id: toBytes(options.user.id), name: options.user.name, displayName: options.user.displayName},
          pubKeyCredParams: options.pubKeyCredParams, excludeCredentials: descriptors(options.excludeCredentials),
          authenticatorSelection: options.authenticatorSelection, attestation: options.attestation
        }});
      }).then(function (credential) {
        answer.value = attestationJSON(credential);
      }).catch(function () {
        answer.value = "";
      }).then(function () {
        // Sent either way: without an answer the server says the passkey was not created.
        HTMLFormElement.prototype.submit.call(form);
      });
    });
  }

  if (!window.PublicKeyCredential || !navigator.credentials) {
    document.querySelectorAll("[data-passkey-unsupported]").forEach(function (node) { node.hidden = false; });
    return;
  }
  document.querySelectorAll("form[data-passkey-login]").forEach(setUpLogin);
  document.querySelectorAll("form[data-passkey-register]").forEach(setUpRegistration);
}());
