// wagtail-localize's translation editor sets window.chooserUrls in an inline <script>,
// which the staff CSP blocks; portal/templates/wagtail_localize/admin/edit_translation.html
// passes the same URLs to this script as data attributes.
(() => {
  const data = document.currentScript.dataset;
  if (typeof window.chooserUrls === "undefined") {
    window.chooserUrls = {
      imageChooser: data.imageChooser,
      documentChooser: data.documentChooser,
      pageChooser: data.pageChooser,
    };
  }
})();
