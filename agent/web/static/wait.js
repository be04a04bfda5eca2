// cutbot serve: the page shown while the film is indexed; reloads when it is ready.
"use strict";
const es = new EventSource((document.body.dataset.base || "") + "/api/index/events");
es.onmessage = (e) => {
  const d = JSON.parse(e.data);
  document.getElementById("bar").value = d.share;
  document.getElementById("stage").textContent = d.state === "failed" ? "cutbot: error: " + d.message
    : "indexing: " + d.stage + " " + Math.round(100 * d.share) + "%";
  if (d.state === "done") { es.close(); location.reload(); }
  if (d.state === "failed") es.close();
};
