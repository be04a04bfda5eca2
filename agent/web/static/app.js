// cutbot serve: the page's behaviour. Plain JavaScript, no build step. Every edit goes to
// the server (Editor.respond); this file only draws what comes back and drives the player.
"use strict";
const $ = (id) => document.getElementById(id);
const film = JSON.parse($("film").textContent);
const video = $("player");
const base = film.base || "";  // the prefix this page is served under (a film of the library)
const KEY = "cutbot-session-" + film.id;
let sid = null, state = null, cutPlay = null, shuttle = null;

async function api(method, url, body) {
  const opts = { method, headers: { "content-type": "application/json" } };
  if (body !== undefined) opts.body = JSON.stringify(body);
  const res = await fetch(base + url, opts);
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const detail = Array.isArray(data.detail) ? data.detail.map((d) => d.msg).join("; ") : data.detail;
    throw new Error(detail || res.statusText);
  }
  return data;
}

function say(text, cls) {
  const li = document.createElement("li");
  li.className = cls; li.textContent = text;
  $("log").appendChild(li); $("log").scrollTop = $("log").scrollHeight;
}

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
    const tr = document.createElement("tr"); tr.dataset.n = seg.n;
    const cells = [seg.n, seg.span, seg.duration.toFixed(1) + " s", seg.short.join("; ")];
    for (const c of cells) { const td = document.createElement("td"); td.textContent = c; tr.appendChild(td); }
    const ul = document.createElement("ul"); ul.className = "reasons";
    tr.cells[3].appendChild(ul);
    const td = document.createElement("td"), b = document.createElement("button");
    b.textContent = "why " + seg.n; b.className = "why";
    b.onclick = () => why(seg.n, tr, ul); td.appendChild(b); tr.appendChild(td);
    tr.cells[1].style.cursor = "pointer"; tr.cells[1].onclick = () => seek(seg.start);
    body.appendChild(tr);
  }
  const keptLines = new Set(s.kept);
  for (const li of document.querySelectorAll("#transcript .line"))
    li.classList.toggle("kept", keptLines.has(Number(li.dataset.i)));
  const notes = $("notes"); notes.replaceChildren();
  for (const n of (cut ? cut.notes : [])) { const li = document.createElement("li"); li.textContent = n; notes.appendChild(li); }
}

async function why(n, tr, ul) {
  if (tr.classList.toggle("open") && !ul.childElementCount) {
    try {
      const data = await api("GET", `/api/s/${sid}/why/${n}`);
      for (const line of data.lines) {
        const li = document.createElement("li"); li.textContent = line.replace(/^\s*-\s*/, ""); ul.appendChild(li);
      }
    } catch (e) { say("error: " + e.message, "bot"); }
  }
}

async function send(text) {
  say(text, "you");
  try {
    const data = await api("POST", `/api/s/${sid}/say`, { text });
    draw(data);
    const lines = (data.reply ? data.reply.lines : []).concat(data.change ? ["changed " + data.change] : []);
    say(lines.join("\n") || (data.cut ? `${data.cut.segments.length} segment(s), ${data.cut.length}` : "ok"), "bot");
    if (data.job) follow(data.job.id);
    api("GET", "/api/profile").then(showProfile).catch(() => {});  // a like/dislike may have changed it
  } catch (e) { say("error: " + e.message, "bot"); }
}

$("chat").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = $("say").value.trim();
  if (text) { $("say").value = ""; send(text); }
});
$("undo").onclick = () => send("undo");
$("redo").onclick = () => send("redo");
$("resume").onclick = async () => {  // this tab now continues a copy of the saved session
  try {
    const data = await api("POST", "/api/sessions", { resume: true });
    sid = data.session; sessionStorage.setItem(KEY, sid); draw(data);
    say(data.version ? `resumed the saved session at version ${data.version}` : "no saved session yet", "bot");
  } catch (e) { say("error: " + e.message, "bot"); }
};

// -- the player -------------------------------------------------------------------------
function seek(t) { stopCut(); video.currentTime = Math.max(0, t); }

function playCut() {
  const segs = state && state.cut ? state.cut.segments : [];
  if (!segs.length) return;
  stopShuttle();
  cutPlay = { i: 0, segs };
  video.currentTime = segs[0].start;
  video.play();
  $("playcut").textContent = "■ Stop the cut";
  requestAnimationFrame(stepCut);
}

function stepCut() {
  if (!cutPlay) return;
  const seg = cutPlay.segs[cutPlay.i];
  if (video.currentTime >= seg.end - 0.02 || video.ended) {
    cutPlay.i += 1;
    if (cutPlay.i >= cutPlay.segs.length) { video.pause(); stopCut(); return; }
    video.currentTime = cutPlay.segs[cutPlay.i].start;
  }
  highlight(cutPlay.segs[cutPlay.i].n);
  requestAnimationFrame(stepCut);
}

function stopCut() {
  cutPlay = null; $("playcut").textContent = "▶ Play the cut"; highlight(null);
}

function highlight(n) {
  for (const tr of $("plan").tBodies[0].rows) tr.classList.toggle("playing", Number(tr.dataset.n) === n);
  for (const box of $("kept").children) box.classList.toggle("playing", Number(box.dataset.n) === n);
}

$("playcut").onclick = () => (cutPlay ? (video.pause(), stopCut()) : playCut());

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
  else if (key === "j") { stopCut(); keyJ(); }
  else if (key === "k") { stopShuttle(); stopCut(); video.pause(); }
  else if (key === "l") { stopCut(); keyL(); }
});

// -- render and export: progress streamed by the server --------------------------------
async function startJob(format) {
  try {
    const job = await api("POST", `/api/s/${sid}/jobs`, { format });
    follow(job.id);
  } catch (e) { say("error: " + e.message, "bot"); }
}

function follow(jid) {
  const bar = $("job-bar"), label = $("job-state"), link = $("download");
  bar.hidden = false; bar.value = 0; link.hidden = true; label.textContent = "starting...";
  const es = new EventSource(`${base}/api/jobs/${jid}/events`);
  es.onmessage = (ev) => {
    const d = JSON.parse(ev.data);
    bar.value = d.share;
    if (d.state === "done") {
      es.close(); bar.value = 1; label.textContent = d.message;
      link.href = d.download; link.textContent = "download " + d.name; link.hidden = false;
    } else if (d.state === "failed") {
      es.close(); label.textContent = "error: " + d.message;
    } else {
      label.textContent = `${d.stage} ${Math.round(100 * d.share)}%`;
    }
  };
  es.onerror = () => { es.close(); };
}
$("render-mp4").onclick = () => startJob("mp4");
$("export").onclick = () => startJob($("format").value);

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
  sid = sessionStorage.getItem(KEY);
  let data = null;
  if (sid) { try { data = await api("GET", `/api/s/${sid}`); } catch (e) { data = null; } }
  if (!data) { data = await api("POST", "/api/sessions", {}); sid = data.session; sessionStorage.setItem(KEY, sid); }
  draw(data);
  showProfile(await api("GET", "/api/profile"));
  document.body.dataset.ready = "1";
}
start().catch((e) => say("error: " + e.message, "bot"));
