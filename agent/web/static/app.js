// cutbot serve: the film page's behaviour (common.js has what the library's page shares).
// Every edit goes to the server (Editor.respond); this file only draws what comes back
// and drives the player.
"use strict";
const film = JSON.parse($("film").textContent);
const video = $("player");
BASE = film.base || "";
const KEY = "cutbot-session-" + film.id;
let sid = null, state = null, shuttle = null;

const pct = (t) => (100 * t / Math.max(film.duration, 1e-6)).toFixed(4) + "%";
for (const shot of document.querySelectorAll("#shots .shot")) {
  const start = Number(shot.dataset.start), end = Number(shot.dataset.end);
  shot.style.left = pct(start); shot.style.width = pct(end - start);
}

function draw(s) {
  state = s;
  const cut = s.cut, segs = cut ? cut.segments : [];
  $("undo").disabled = !s.can_undo; $("redo").disabled = !s.can_redo;
  for (const id of ["playcut", "render-mp4", "export"]) $(id).disabled = !segs.length;
  $("length").textContent = cut ? `v${s.version}: ${segs.length} segment(s), ${cut.length}` : "";
  $("change").textContent = s.change ? "changed " + s.change : "";
  const kept = $("kept"); kept.replaceChildren();
  const body = $("plan").tBodies[0]; body.replaceChildren();
  for (const seg of segs) {
    const box = document.createElement("div");
    box.className = "seg"; box.dataset.n = seg.n;
    box.style.left = pct(seg.start); box.style.width = pct(seg.end - seg.start);
    box.title = `${seg.n}. ${seg.span}`;
    const label = document.createElement("span"); label.textContent = seg.n; box.appendChild(label);
    kept.appendChild(box);
    body.appendChild(planRow(seg, [seg.n, seg.span, seg.duration.toFixed(1) + " s", seg.short.join("; ")],
                             () => sid, (x) => seek(x.start)));
  }
  const keptLines = new Set(s.kept);
  for (const li of document.querySelectorAll("#transcript .line"))
    li.classList.toggle("kept", keptLines.has(Number(li.dataset.i)));
  showNotes(cut);
}

async function sendLine(text) {
  if (await send(sid, text, draw))  // a like/dislike may have changed the profile
    api("GET", "/api/profile").then(showProfile).catch(() => {});
}

wireAsk(sendLine, () => sid);
$("resume").onclick = async () => {  // this tab now continues a copy of the saved session
  try {
    const data = await api("POST", "/api/sessions", { resume: true });
    sid = data.session; sessionStorage.setItem(KEY, sid); draw(data);
    say(data.version ? `resumed the saved session at version ${data.version}` : "no saved session yet", "bot");
  } catch (e) { say("error: " + e.message, "bot"); }
};

// -- the player -------------------------------------------------------------------------
function seek(t) { player.stop(); video.currentTime = Math.max(0, t); }

const player = cutPlayer({
  video, load: () => Promise.resolve(), before: stopShuttle,
  segments: () => (state && state.cut ? state.cut.segments : []),
  highlight: (n) => {
    highlightRows(n);
    for (const box of $("kept").children) box.classList.toggle("playing", Number(box.dataset.n) === n);
  },
});

function tick() {
  $("playhead").style.left = pct(video.currentTime);
  const t = video.currentTime;
  for (const li of document.querySelectorAll("#transcript .line"))
    li.classList.toggle("now", t >= Number(li.dataset.start) && t < Number(li.dataset.end));
}
video.addEventListener("timeupdate", tick);
video.addEventListener("seeked", tick);

$("timeline").addEventListener("click", (ev) => {
  const box = $("timeline").getBoundingClientRect();
  seek(film.duration * (ev.clientX - box.left) / box.width);
});
for (const li of document.querySelectorAll("#transcript .line"))
  li.addEventListener("click", () => seek(Number(li.dataset.start)));

// J/K/L: J steps back (faster each press), K stops, L plays (faster each press).
function stopShuttle() { if (shuttle) clearInterval(shuttle.timer); shuttle = null; video.playbackRate = 1; }
function keyJ() {
  const speed = shuttle && shuttle.dir < 0 ? Math.min(shuttle.speed * 2, 8) : 1;
  stopShuttle(); video.pause();
  shuttle = { dir: -1, speed, timer: setInterval(() => { video.currentTime = Math.max(0, video.currentTime - 0.1 * speed); }, 100) };
}
function keyL() {
  const speed = shuttle && shuttle.dir > 0 ? Math.min(shuttle.speed * 2, 8) : 1;
  stopShuttle(); shuttle = { dir: 1, speed, timer: null };
  video.playbackRate = speed; video.play();
}
document.addEventListener("keydown", (ev) => {
  const tag = (ev.target.tagName || "").toLowerCase();
  if (["input", "select", "textarea", "button"].includes(tag) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
  const key = ev.key.toLowerCase();
  if (key === " ") { ev.preventDefault(); stopShuttle(); video.paused ? video.play() : video.pause(); }
  else if (key === "j") { player.stop(); keyJ(); }
  else if (key === "k") { stopShuttle(); player.stop(); video.pause(); }
  else if (key === "l") { player.stop(); keyL(); }
});

// -- people and profile --------------------------------------------------------------------
for (const input of document.querySelectorAll(".pname")) {
  const commit = async () => {
    const name = input.value.trim(), id = input.closest(".person").dataset.id;
    if (!name || name === input.defaultValue) return;
    try {
      const data = await api("POST", `/api/people/${id}`, { name });
      input.defaultValue = name; say(data.message, "bot");
    } catch (e) { say("error: " + e.message, "bot"); input.value = input.defaultValue; }
  };
  input.addEventListener("keydown", (ev) => { if (ev.key === "Enter") { ev.preventDefault(); commit(); } });
  input.addEventListener("change", commit);
}

function showProfile(data) {
  const ul = $("profile"); ul.replaceChildren();
  data.lines.forEach((line, i) => {
    const li = document.createElement("li"); li.textContent = line + " ";
    const pref = data.preferences[i];
    if (pref) {  // one line per preference, in order: each can be forgotten alone
      const b = document.createElement("button"); b.textContent = "forget"; b.className = "forget-one";
      b.onclick = () => forget(pref.text); li.appendChild(b);
    }
    ul.appendChild(li);
  });
}
async function forget(topic) {
  try {
    const data = await api("POST", "/api/profile/forget", topic ? { topic } : {});
    say(data.message, "bot"); showProfile(data);
  } catch (e) { say("error: " + e.message, "bot"); }
}
$("forget").onclick = () => forget(null);

// -- this tab's session: its own conversation, kept across reloads of the tab ----------------
async function start() {
  let data;
  [sid, data] = await openSession(KEY);
  draw(data);
  showProfile(await api("GET", "/api/profile"));
  document.body.dataset.ready = "1";
}
start().catch((e) => say("error: " + e.message, "bot"));
