// Drag-and-drop reordering of lettered points and resolutions. The Move up / Move down buttons
// are the keyboard way and work without JavaScript; this only adds dragging on top.
(function () {
  function status(message) {
    var el = document.getElementById("minutes-status");
    if (el) { el.textContent = message; }
  }
  function csrf() {
    return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
  }
  function bind(list) {
    if (!list.dataset.reorderUrl || list.dataset.sortableBound) { return; }
    list.dataset.sortableBound = "1";
    Sortable.create(list, {
      handle: ".drag-handle",
      draggable: "> li",
      animation: 150,
      onEnd: function () {
        var body = new URLSearchParams();
        Array.prototype.forEach.call(list.children, function (li) { if (li.dataset.id) { body.append("item", li.dataset.id); } });
        body.append("parent", list.dataset.parent || "");
        fetch(list.dataset.reorderUrl, {
          method: "POST", body: body, credentials: "same-origin",
          headers: { "X-CSRFToken": csrf() }
        }).then(function (r) { return r.text().then(function (t) { return { ok: r.ok, text: t }; }); })
          .then(function (res) {
            status(res.text);
            // Letters and numbers follow the new order: reload to show them.
            window.location.reload();
          });
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".sortable-list").forEach(bind);
  });
})();
