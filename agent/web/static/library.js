// cutbot serve --library: the film list links to each film's page (by id); the ask box
// plans across every film (the server's LibraryEditor), and Play the cut switches the
// player from film to film in the plan's order, nothing rendered.
"use strict";
const video = $("player");
const KEY = "cutbot-library-session";
let sid = null, state = null, current = null;

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

const player = cutPlayer({ video, load: (seg) => load(seg.film), highlight: highlightRows,
                           segments: () => (state && state.cut ? state.cut.segments : []) });

async function show(seg) { player.stop(); await load(seg.film); video.currentTime = seg.start; }

// -- asking across the library ---------------------------------------------------------------
wireAsk((text) => sid && send(sid, text, draw), () => sid);

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
