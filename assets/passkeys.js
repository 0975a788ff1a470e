// Passkeys (WebAuthn) for Koers: signing in with one, and adding one to an account.
// Only an enhancement: the parts that need WebAuthn start hidden, and are shown here when the
// browser has it. The server speaks JSON with base64url strings; the browser wants ArrayBuffers.

/** base64url text → bytes. */
function toBytes(text) {
  const base64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** bytes (ArrayBuffer or view) → base64url text, without padding. */
function toText(buffer) {
  const bytes =
    buffer instanceof ArrayBuffer
      ? new Uint8Array(buffer)
      : new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const descriptor = (d) => ({
  type: "public-key",
  id: toBytes(d.id),
  ...(d.transports ? { transports: d.transports } : {}),
});

function creationOptions(json) {
  return {
    rp: json.rp,
    user: { id: toBytes(json.user.id), name: json.user.name, displayName: json.user.displayName },
    challenge: toBytes(json.challenge),
    pubKeyCredParams: json.pubKeyCredParams,
    timeout: json.timeout,
    excludeCredentials: (json.excludeCredentials ?? []).map(descriptor),
    authenticatorSelection: json.authenticatorSelection,
    attestation: json.attestation ?? "none",
    extensions: json.extensions,
  };
}

function requestOptions(json) {
  return {
    challenge: toBytes(json.challenge),
    rpId: json.rpId,
    timeout: json.timeout,
    userVerification: json.userVerification,
    allowCredentials: (json.allowCredentials ?? []).map(descriptor),
  };
}

function credentialJson(credential, response) {
  const json = {
    id: credential.id,
    rawId: toText(credential.rawId),
    type: credential.type,
    clientExtensionResults: {},
    response,
  };
  if (credential.authenticatorAttachment)
    json.authenticatorAttachment = credential.authenticatorAttachment;
  return json;
}

async function register(options) {
  const credential = await navigator.credentials.create({ publicKey: creationOptions(options) });
  const r = credential.response;
  return credentialJson(credential, {
    clientDataJSON: toText(r.clientDataJSON),
    attestationObject: toText(r.attestationObject),
    transports: typeof r.getTransports === "function" ? r.getTransports() : [],
  });
}

async function authenticate(options) {
  const credential = await navigator.credentials.get({ publicKey: requestOptions(options) });
  const r = credential.response;
  const response = {
    clientDataJSON: toText(r.clientDataJSON),
    authenticatorData: toText(r.authenticatorData),
    signature: toText(r.signature),
  };
  if (r.userHandle) response.userHandle = toText(r.userHandle);
  return credentialJson(credential, response);
}

/** Asks the server for options (CSRF token in a header, like the form's), runs the ceremony, posts the form. */
function enhance(module, optionsUrl, ceremony) {
  const form = module.querySelector("form");
  const field = form?.querySelector('input[name="credential"]');
  const status = module.querySelector("[data-passkey-status]");
  if (!form || !field) return;
  let busy = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    if (status) status.textContent = "";
    try {
      const token = form.querySelector('input[name="_csrf"]')?.value ?? "";
      const answer = await fetch(optionsUrl, {
        method: "POST",
        headers: { "x-csrf-token": token, accept: "application/json" },
        credentials: "same-origin",
      });
      if (!answer.ok) throw new Error(`options: ${answer.status}`);
      field.value = JSON.stringify(await ceremony(await answer.json()));
      form.submit();
    } catch {
      // Cancelled, timed out, or no passkey here: say so; the password still works.
      if (status) status.textContent = status.dataset.failed ?? "";
      busy = false;
    }
  });
}

if (window.PublicKeyCredential && navigator.credentials) {
  for (const note of document.querySelectorAll("[data-passkey-unsupported]")) note.hidden = true;
  for (const module of document.querySelectorAll('[data-module="passkey-signin"]')) {
    module.hidden = false;
    enhance(module, "/inloggen/passkey/opties", authenticate);
  }
  for (const module of document.querySelectorAll('[data-module="passkey-register"]')) {
    module.hidden = false;
    enhance(module, "/account/passkeys/opties", register);
  }
}
