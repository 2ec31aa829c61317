// The reply form: show the grounds select only for the reply types that need one
// (不予公开、部分公开、无法提供、不予处理), with only that type's grounds. The map comes
// from the page (json_script #reply-grounds); without script every ground stays offered
// and the server checks the pair.
(function () {
  var data = document.getElementById("reply-grounds");
  if (!data) return;
  var map = JSON.parse(data.textContent);
  document.querySelectorAll("[data-reply-form]").forEach(function (form) {
    var type = form.querySelector("select[name$='reply_type']");
    var ground = form.querySelector("select[name$='ground']");
    var other = form.querySelector("input[name$='other_agency']");
    if (!type || !ground) return;
    var groundBox = ground.closest(".mb-3");
    var otherBox = other ? other.closest(".mb-3") : null;
    function sync() {
      var codes = map[type.value] || [];
      ground.querySelectorAll("option").forEach(function (o) {
        if (!o.value) return;
        o.hidden = codes.indexOf(o.value) < 0;
        o.disabled = o.hidden;
      });
      ground.querySelectorAll("optgroup").forEach(function (g) {
        var shown = Array.prototype.some.call(g.querySelectorAll("option"), function (o) {
          return !o.hidden;
        });
        g.hidden = !shown;
      });
      if (ground.value && codes.indexOf(ground.value) < 0) ground.value = "";
      if (groundBox) groundBox.hidden = codes.length === 0;
      if (otherBox) otherBox.hidden = type.value !== "not_this_agency";
    }
    type.addEventListener("change", sync);
    sync();
  });
})();
