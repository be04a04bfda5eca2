// cutbot serve --library: the film list links to each film's page (by id); the ask box
// plans across every film (the server's LibraryEditor), and Play the cut switches the
// player from film to film in the plan's order, nothing rendered.
"use strict";
const video = $("player");
const KEY = "cutbot-library-session";
let sid = null, state = null, cutPlay = null, current = null;

function draw(s) {
  state = s;
  const cut = s.cut, segs = cut ? cut.segments : [];
  $("undo").disabled = !s.can_undo; $("redo").disabled = !s.can_redo;
  for (const id of ["render-mp4", "export"]) $(id).disabled = !segs.length;
  $("playcut").disabled = !segs.length || s.playable === false;
  $("playcut").title = s.playable === false ? "the browser cannot play these films in turn: Render the cut" : "";
  const films = new Set(segs.map((x) => x.film));
  $("length").textContent = cut ? `v${s.version}: ${segs.length} segment(s) from ${films.size} film(s), ${cut.length}` : "";
  $("change").textContent = s.change ? "changed " + s.change : "";
  const body = $("plan").tBodies[0]; body.replaceChildren();
  for (const seg of segs)
    body.appendChild(planRow(seg, [seg.n, seg.name || "", seg.span, seg.duration.toFixed(1) + " s", seg.short.join("; ")],
                             () => sid, (x) => show(x)));
  showNotes(cut);
}

// -- the player: one film at a time, switched by id ---------------------------------------
function load(fid) {
  if (current === fid) return Promise.resolve();
  current = fid;
  return new Promise((ok, fail) => {
    video.addEventListener("loadedmetadata", ok, { once: true });
    video.addEventListener("error", () => fail(new Error("the film would not load")), { once: true });
    video.src = "/media/" + fid;
  });
}

async function show(seg) { stopCut(); await load(seg.film); video.currentTime = seg.start; }

async function goTo(i) {
  const seg = cutPlay.segs[i];
  cutPlay.busy = true;
  await load(seg.film);
  video.currentTime = seg.start;
  await video.play().catch(() => {});
  if (cutPlay) cutPlay.busy = false;
}

async function playCut() {
  const segs = state && state.cut ? state.cut.segments : [];
  if (!segs.length) return;
  cutPlay = { i: 0, segs, busy: false };
  $("playcut").textContent = "■ Stop the cut";
  try { await goTo(0); } catch (e) { say("error: " + e.message, "bot"); stopCut(); return; }
  requestAnimationFrame(stepCut);
}

function stepCut() {
  if (!cutPlay) return;
  const seg = cutPlay.segs[cutPlay.i];
  if (!cutPlay.busy && (video.currentTime >= seg.end - 0.02 || video.ended)) {
    cutPlay.i += 1;
    if (cutPlay.i >= cutPlay.segs.length) { video.pause(); stopCut(); return; }
    goTo(cutPlay.i).catch((e) => { say("error: " + e.message, "bot"); stopCut(); });
  }
  if (cutPlay) highlight(cutPlay.segs[cutPlay.i].n);
  requestAnimationFrame(stepCut);
}

function stopCut() { cutPlay = null; $("playcut").textContent = "▶ Play the cut"; highlight(null); }

function highlight(n) {
  for (const tr of $("plan").tBodies[0].rows) tr.classList.toggle("playing", Number(tr.dataset.n) === n);
}

$("playcut").onclick = () => (cutPlay ? (video.pause(), stopCut()) : playCut());

// -- asking across the library ---------------------------------------------------------------
$("chat").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = $("say").value.trim();
  if (text && sid) { $("say").value = ""; send(sid, text, draw); }
});
$("undo").onclick = () => send(sid, "undo", draw);
$("redo").onclick = () => send(sid, "redo", draw);
$("render-mp4").onclick = () => startJob(sid, "mp4");
$("export").onclick = () => startJob(sid, $("format").value);

async function openTab() {
  let data;
  [sid, data] = await openSession(KEY);
  draw(data);
  $("status").textContent = "";
  $("say").disabled = false;
  document.body.dataset.ready = "1";
}

// the library's indexes load in the background: the list shows at once, the ask box when ready
$("say").disabled = true;
$("status").textContent = "loading the library...";
const es = new EventSource("/api/index/events");
es.onmessage = (e) => {
  const d = JSON.parse(e.data);
  if (d.state === "done") { es.close(); openTab().catch((err) => say("error: " + err.message, "bot")); }
  else if (d.state === "failed") { es.close(); $("status").textContent = "cutbot: " + d.message; document.body.dataset.ready = "0"; }
};
