// Drag-and-drop reordering of agenda items (the Move up / Move down buttons are the keyboard way).
(function () {
  function status(message) {
    var el = document.getElementById("agenda-status");
    if (el) { el.textContent = message; }
  }
  function bind() {
    var list = document.getElementById("agenda-list");
    if (!list || !list.dataset.reorderUrl || list.dataset.sortableBound) { return; }
    list.dataset.sortableBound = "1";
    Sortable.create(list, {
      handle: ".drag-handle",
      animation: 150,
      onEnd: function () {
        var ids = Array.prototype.map.call(list.querySelectorAll("[data-item-id]"), function (li) { return li.dataset.itemId; });
        var body = new URLSearchParams();
        ids.forEach(function (id) { body.append("item", id); });
        var csrf = JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"];
        fetch(list.dataset.reorderUrl, {
          method: "POST", body: body, credentials: "same-origin",
          headers: { "X-CSRFToken": csrf, "HX-Request": "true" }
        }).then(function (r) { return r.text().then(function (t) { return { ok: r.ok, text: t }; }); })
          .then(function (res) {
            if (!res.ok) { status(res.text); return; }
            list.outerHTML = res.text;
            var fresh = document.getElementById("agenda-list");
            htmx.process(fresh);
            bind();
            status("Agenda reordered.");
          });
      }
    });
  }
  document.addEventListener("DOMContentLoaded", bind);
  document.body.addEventListener("htmx:afterSettle", bind);
  document.body.addEventListener("agendaMoved", function (evt) {
    status(evt.detail.message);
    var button = document.querySelector('#item-' + evt.detail.item + ' button[data-direction="' + evt.detail.direction + '"]:not([disabled])')
      || document.querySelector('#item-' + evt.detail.item + ' button:not([disabled])');
    if (button) { button.focus(); }
  });
})();
