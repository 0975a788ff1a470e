// The live board's enhancements (src/sessions/board). Every page works without this file:
// notes post with a plain form and the board shows them on reload. With it: notes arrive live
// (Server-Sent Events), a note whose POST failed is sent again with the same client id (the
// server keeps one), the timer counts down, notes can be dragged into groups, and the board
// can be read aloud.

const csrf = () => document.querySelector('input[name="_csrf"]')?.value ?? "";

// ---- Timer: the server sets the end time; the page counts down to it. ----
for (const timer of document.querySelectorAll('[data-module="board-timer"]')) startTimer(timer);

function startTimer(timer) {
  const tick = () => {
    const ends = Date.parse(timer.dataset.ends ?? "");
    if (Number.isNaN(ends)) return;
    const left = Math.max(0, Math.round((ends - Date.now()) / 1000));
    timer.textContent =
      left === 0
        ? (timer.dataset.over ?? "0:00")
        : `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  };
  tick();
  if (!timer.dataset.ticking) {
    timer.dataset.ticking = "1";
    setInterval(tick, 1000);
  }
}

// ---- Live notes ----
const board = document.querySelector('[data-module="board-live"]');
const labels = board ? JSON.parse(board.dataset.labels ?? "{}") : {};

function noteElement(note) {
  const li = document.createElement("li");
  li.className = `koers-board-note koers-board-note--${note.category}`;
  li.id = `notitie-${note.id}`;
  li.dataset.note = note.id;
  const meta = document.createElement("p");
  meta.className = "koers-board-note__meta";
  const pictogram = document.querySelector(`template[data-pictograms]`);
  const label = pictogram?.content.querySelector(`[data-category="${note.category}"]`);
  if (label) meta.append(label.cloneNode(true));
  const who = document.createElement("span");
  who.textContent = [labels.roles?.[note.role] ?? note.role, note.authorName]
    .filter(Boolean)
    .join(" · ");
  meta.append(who);
  const text = document.createElement("p");
  text.className = "koers-board-note__text";
  text.lang = note.locale;
  text.dir = "auto";
  text.textContent = note.text;
  li.append(meta, text);
  if (note.dutchText && note.locale !== "nl") {
    const dutch = document.createElement("p");
    dutch.className = "koers-board-note__dutch";
    dutch.lang = "nl";
    const mark = document.createElement("span");
    mark.className = "koers-board-note__mark";
    mark.textContent = labels.dutch?.[note.dutchBy] ?? "";
    dutch.append(mark, " ", note.dutchText);
    li.append(dutch);
  }
  return li;
}

function showNote(note) {
  const list = board.querySelector(`ul[data-role="${note.role}"]`);
  if (!list) return;
  const element = noteElement(note);
  const existing = board.querySelector(`#notitie-${CSS.escape(note.id)}`);
  if (existing) existing.replaceWith(element);
  else list.append(element);
  board.querySelector("[data-empty]")?.remove();
}

if (board?.dataset.stream) {
  // EventSource reconnects by itself and sends Last-Event-ID; the server then replays the notes.
  const source = new EventSource(board.dataset.stream);
  source.addEventListener("note", (event) => showNote(JSON.parse(event.data)));
  source.addEventListener("hidden", (event) => {
    const { id } = JSON.parse(event.data);
    board.querySelector(`#notitie-${CSS.escape(id)}`)?.remove();
  });
  source.addEventListener("phase", (event) => {
    const { phase, timerEndsAt } = JSON.parse(event.data);
    const name = document.querySelector("[data-phase-name]");
    if (name) name.textContent = labels.phases?.[phase] ?? phase;
    const timer = document.querySelector('[data-module="board-timer"]');
    if (timer && timerEndsAt) {
      timer.dataset.ends = timerEndsAt;
      startTimer(timer);
    } else if (timer) timer.textContent = "";
    // Voting opens or closes: every vraagstuk on a phone gets its dot, or loses it.
    for (const votes of document.querySelectorAll("[data-votes]")) {
      votes.dataset.phase = phase;
      for (const li of votes.querySelectorAll("[data-vraagstuk]")) voteButton(li);
    }
  });
  // Groups, dots and actions: the vraagstukken and action lists follow without a reload.
  const on = (type, apply) =>
    source.addEventListener(type, (event) => apply(JSON.parse(event.data)));
  on("group", (g) => {
    for (const list of lists("vraagstukken")) {
      if (g.kind === "vraagstuk") {
        const li = line(list, g.id);
        li.querySelector("[data-title]").textContent = g.title;
        voteButton(li);
      } else item(list, "vraagstuk", g.id)?.remove();
    }
    for (const option of document.querySelectorAll(`option[value="${CSS.escape(g.id)}"]`))
      option.textContent = g.title;
  });
  on("moved", ({ id, groupId }) => {
    const select = board.querySelector(`#notitie-${CSS.escape(id)} select[name="groupId"]`);
    if (select) select.value = groupId ?? "";
  });
  on("votes", (v) => {
    for (const list of lists("vraagstukken")) {
      const li = item(list, "vraagstuk", v.groupId);
      if (!li) continue;
      li.querySelector("[data-dots]").textContent = fill(labels.dots, { t: v.total });
      const roles = li.querySelector("[data-roles]");
      const text = Object.keys(labels.roles ?? {})
        .filter((r) => v.byRole?.[r])
        .map((r) => `${labels.roles[r]}: ${v.byRole[r]}`)
        .join(", ");
      if (roles) roles.textContent = text && ` · ${text}`;
    }
  });
  on("action", (a) => {
    for (const list of lists("actions")) {
      if (item(list, "action", a.id)) continue;
      const li = document.createElement("li");
      li.dataset.action = a.id;
      li.append(
        span(a.what),
        " — ",
        fill(labels.owner, { n: a.ownerName, o: a.ownerOrganisationName ?? "" }),
      );
      show(list, li);
    }
  });
  board.dataset.connected = "1";
}

function lists(name) {
  return document.querySelectorAll(`[data-live="${name}"]`);
}

function item(list, kind, id) {
  return list.querySelector(`[data-${kind}="${CSS.escape(id)}"]`);
}

function fill(template = "", values = {}) {
  return template.replace(/%(\w)/g, (_, key) => values[key] ?? "");
}

function span(text, data) {
  const element = document.createElement("span");
  element.lang = "nl";
  element.textContent = text ?? "";
  if (data) element.dataset[data] = "";
  return element;
}

function show(list, li) {
  list.append(li);
  list.closest("[hidden]")?.removeAttribute("hidden");
}

// A vraagstuk's line (title, dots and, on the projector, dots per role), made when it is new.
function line(list, id) {
  const found = item(list, "vraagstuk", id);
  if (found) return found;
  const li = document.createElement("li");
  li.dataset.vraagstuk = id;
  const dots = document.createElement("span");
  dots.dataset.dots = "";
  dots.textContent = fill(labels.dots, { t: 0 });
  li.append(span("", "title"), " — ", dots);
  if (list.dataset.roles) {
    const roles = document.createElement("span");
    roles.dataset.roles = "";
    li.append(roles);
  }
  show(list, li);
  return li;
}

// A vraagstuk's dot on a phone: the server's own form (with its CSRF token) from the template
// beside the list, shown while voting and while this participant has dots left. Placing a dot
// posts the form and reloads the page, so the dots left on this page stay true.
function voteButton(li) {
  const votes = li.closest("[data-votes]");
  const template = votes?.querySelector("template[data-vote-form]");
  if (!template) return;
  const title = li.querySelector("[data-title]")?.textContent ?? "";
  const may = votes.dataset.phase === "stemmen" && Number(votes.dataset.left) > 0;
  let form = li.querySelector("form");
  if (!may) {
    form?.remove();
    return;
  }
  if (!form) {
    form = template.content.querySelector("form").cloneNode(true);
    form.querySelector('input[name="groupId"]').value = li.dataset.vraagstuk;
    li.append(form);
  }
  const hidden = form.querySelector("[data-vote-title]");
  if (hidden) hidden.textContent = `: ${title}`;
}

// ---- Posting a note, resending until the server has it ----
const noteSlot = document.querySelector('[data-module="board-note-form"]');
const noteForm = noteSlot?.closest("form");
if (noteForm) {
  const status = document.createElement("p");
  status.setAttribute("role", "status");
  noteForm.append(status);
  const send = async (body) => {
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const response = await fetch(noteForm.action, {
          method: "POST",
          body,
          headers: { accept: "application/json" },
        });
        if (response.ok) return response;
        if (response.status < 500) return response;
      } catch {
        // Offline or the connection dropped: wait, then send the same note (same client id).
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(10_000, 1000 * 2 ** attempt)));
    }
    return null;
  };
  noteForm.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = new URLSearchParams(new FormData(noteForm, event.submitter));
    const response = await send(body);
    if (!response?.ok || body.get("reveal") === "0") {
      // Errors and private notes: the server's page shows them (a plain submit).
      noteForm.submit();
      return;
    }
    noteForm.querySelector("textarea").value = "";
    noteForm.querySelector('input[name="clientId"]').value = crypto.randomUUID();
    status.textContent = noteSlot.dataset.posted ?? "";
  });
}

// ---- Drag a note into a group (the select and button beside each note do the same) ----
const dragList = document.querySelector('[data-module="board-drag"]');
if (dragList) {
  for (const note of document.querySelectorAll("[data-note]")) {
    note.draggable = true;
    note.addEventListener("dragstart", (event) =>
      event.dataTransfer.setData("text/plain", note.dataset.note),
    );
  }
  for (const group of document.querySelectorAll("[data-group]")) {
    group.addEventListener("dragover", (event) => {
      event.preventDefault();
      group.dataset.dropOver = "1";
    });
    group.addEventListener("dragleave", () => delete group.dataset.dropOver);
    group.addEventListener("drop", async (event) => {
      event.preventDefault();
      const noteId = event.dataTransfer.getData("text/plain");
      const body = new URLSearchParams({ _csrf: csrf(), groupId: group.dataset.group });
      await fetch(`${dragList.dataset.move}/${noteId}/groep`, {
        method: "POST",
        body,
        headers: { accept: "application/json" },
      });
      location.reload();
    });
  }
}

// ---- Read aloud, each note in its own language ----
for (const slot of document.querySelectorAll('[data-module="read-aloud"]')) {
  if (!("speechSynthesis" in window)) continue;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "utrecht-button utrecht-button--secondary-action";
  button.textContent = slot.dataset.label;
  button.addEventListener("click", () => {
    if (speechSynthesis.speaking) {
      speechSynthesis.cancel();
      button.textContent = slot.dataset.label;
      return;
    }
    button.textContent = slot.dataset.stop;
    const parts = document.querySelectorAll(
      "main h1, main h2, .koers-board-note__meta, .koers-board-note__text, .koers-board-note__dutch",
    );
    for (const part of parts) {
      const utterance = new SpeechSynthesisUtterance(part.textContent ?? "");
      utterance.lang = part.closest("[lang]")?.lang || document.documentElement.lang;
      speechSynthesis.speak(utterance);
    }
    const last = new SpeechSynthesisUtterance("");
    last.onend = () => {
      button.textContent = slot.dataset.label;
    };
    speechSynthesis.speak(last);
  });
  slot.append(button);
}
