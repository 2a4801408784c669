// Progressive enhancement: each textarea.rich-text becomes a Trix editor bound to a hidden input
// with the same name. Without JavaScript the plain textarea still works (HTML is sanitised on save).
(function () {
  // Files are attached as appendices (checked by content), never embedded in the report's text.
  document.addEventListener("trix-file-accept", function (event) { event.preventDefault(); });
  document.querySelectorAll("textarea.rich-text").forEach(function (area, index) {
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = area.name;
    input.id = area.id + "-html";
    input.value = area.value;
    var editor = document.createElement("trix-editor");
    editor.setAttribute("input", input.id);
    var label = document.querySelector('label[for="' + area.id + '"]');
    if (label) {
      label.id = label.id || area.id + "-label";
      editor.setAttribute("aria-labelledby", label.id);
      label.addEventListener("click", function () { editor.focus(); });
    }
    editor.id = area.id;
    area.removeAttribute("name");
    area.id = area.id + "-source";
    area.hidden = true;
    area.parentNode.insertBefore(input, area);
    area.parentNode.insertBefore(editor, area);
  });
})();
