// cutbot serve: what the film's page and the library's page share. Plain JavaScript, no
// build step: the server answers, these functions only ask and draw.
"use strict";
const $ = (id) => document.getElementById(id);
let BASE = "";  // the prefix the page is served under (a film of the library: /f/<id>)

async function api(method, url, body) {
  const opts = { method, headers: { "content-type": "application/json" } };
  if (body !== undefined) opts.body = JSON.stringify(body);
  const res = await fetch(BASE + url, opts);
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

// one row of the plan table: the cells given, the reasons (why N expands them) and the button
function planRow(seg, cells, sid, onTime) {
  const tr = document.createElement("tr"); tr.dataset.n = seg.n;
  for (const c of cells) { const td = document.createElement("td"); td.textContent = c; tr.appendChild(td); }
  const ul = document.createElement("ul"); ul.className = "reasons";
  tr.cells[cells.length - 1].appendChild(ul);
  const td = document.createElement("td"), b = document.createElement("button");
  b.textContent = "why " + seg.n; b.className = "why";
  b.onclick = () => why(sid(), seg.n, tr, ul); td.appendChild(b); tr.appendChild(td);
  const time = tr.cells[cells.length - 3];
  time.style.cursor = "pointer"; time.onclick = () => onTime(seg);
  return tr;
}

async function why(sid, n, tr, ul) {
  if (tr.classList.toggle("open") && !ul.childElementCount) {
    try {
      const data = await api("GET", `/api/s/${sid}/why/${n}`);
      for (const line of data.lines) {
        const li = document.createElement("li"); li.textContent = line.replace(/^\s*-\s*/, ""); ul.appendChild(li);
      }
    } catch (e) { say("error: " + e.message, "bot"); }
  }
}

function showNotes(cut) {
  const notes = $("notes"); notes.replaceChildren();
  for (const n of (cut ? cut.notes : [])) { const li = document.createElement("li"); li.textContent = n; notes.appendChild(li); }
}

// render and export: progress streamed by the server (Server-Sent Events), then a download link
function follow(jid) {
  const bar = $("job-bar"), label = $("job-state"), link = $("download");
  bar.hidden = false; bar.value = 0; link.hidden = true; label.textContent = "starting...";
  const es = new EventSource(`${BASE}/api/jobs/${jid}/events`);
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

async function startJob(sid, format) {
  try {
    const job = await api("POST", `/api/s/${sid}/jobs`, { format });
    follow(job.id);
  } catch (e) { say("error: " + e.message, "bot"); }
}

// this tab's conversation, kept across reloads of the tab (sessionStorage[key]): its session id
async function openSession(key) {
  let sid = sessionStorage.getItem(key), data = null;
  if (sid) { try { data = await api("GET", `/api/s/${sid}`); } catch (e) { data = null; } }
  if (!data) { data = await api("POST", "/api/sessions", {}); sessionStorage.setItem(key, data.session); }
  return [data.session || sid, data];
}

// the reply to one line typed: drawn by the page's own draw(), told in the log
async function send(sid, text, draw) {
  say(text, "you");
  try {
    const data = await api("POST", `/api/s/${sid}/say`, { text });
    draw(data);
    const lines = (data.reply ? data.reply.lines : []).concat(data.change ? ["changed " + data.change] : []);
    say(lines.join("\n") || (data.cut ? `${data.cut.segments.length} segment(s), ${data.cut.length}` : "ok"), "bot");
    if (data.job) follow(data.job.id);
    return data;
  } catch (e) { say("error: " + e.message, "bot"); return null; }
}

// the ask box and the buttons of a tab: a line said, undo/redo, render and export
function wireAsk(sendLine, sid) {
  $("chat").addEventListener("submit", (ev) => {
    ev.preventDefault();
    const text = $("say").value.trim();
    if (text) { $("say").value = ""; sendLine(text); }
  });
  $("undo").onclick = () => sendLine("undo");
  $("redo").onclick = () => sendLine("redo");
  $("render-mp4").onclick = () => startJob(sid(), "mp4");
  $("export").onclick = () => startJob(sid(), $("format").value);
}

// Play the cut: the segments in turn, nothing rendered. o.load(seg) readies the player for
// the segment's film (the library's page switches films; a film's page has one), o.highlight(n)
// marks segment n (null: none), o.segments() is the cut now, o.before() runs before playing.
function cutPlayer(o) {
  const video = o.video, button = $("playcut");
  let play = null;
  async function goTo(i) {
    const seg = play.segs[i];
    play.busy = true;
    await o.load(seg);
    video.currentTime = seg.start;
    await video.play().catch(() => {});
    if (play) play.busy = false;
  }
  function stop() { play = null; button.textContent = "▶ Play the cut"; o.highlight(null); }
  function step() {
    if (!play) return;
    const seg = play.segs[play.i];
    if (!play.busy && (video.currentTime >= seg.end - 0.02 || video.ended)) {
      play.i += 1;
      if (play.i >= play.segs.length) { video.pause(); stop(); return; }
      goTo(play.i).catch((e) => { say("error: " + e.message, "bot"); stop(); });
    }
    if (play) o.highlight(play.segs[play.i].n);
    requestAnimationFrame(step);
  }
  async function start() {
    const segs = o.segments();
    if (!segs.length) return;
    if (o.before) o.before();
    play = { i: 0, segs, busy: false };
    button.textContent = "■ Stop the cut";
    try { await goTo(0); } catch (e) { say("error: " + e.message, "bot"); stop(); return; }
    requestAnimationFrame(step);
  }
  button.onclick = () => (play ? (video.pause(), stop()) : start());
  return { stop };
}

// the plan table's row for segment n lit while it plays (null: none)
function highlightRows(n) {
  for (const tr of $("plan").tBodies[0].rows) tr.classList.toggle("playing", Number(tr.dataset.n) === n);
}
