import HTTPTypes
import Hummingbird

/// The console's one stylesheet and one small script, served by Gatehouse itself (no build
/// step, nothing from elsewhere), so the content security policy can forbid everything else.
enum ConsoleAssets {
    static func register(on router: Router<some RequestContext>) {
        router.get("/console/static/console.css") { _, _ in asset(css, type: "text/css; charset=utf-8") }
        router.get("/console/static/console.js") { _, _ in asset(script, type: "text/javascript; charset=utf-8") }
    }

    static func asset(_ text: String, type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=300"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: .init(string: text)))
    }

    /// Forms marked `data-confirm` ask before they are sent; buttons marked `data-copy` copy
    /// the text of the element they name.
    static let script = """
        document.addEventListener("submit", function (event) {
          var question = event.target.getAttribute("data-confirm");
          if (question && !window.confirm(question)) { event.preventDefault(); }
        });
        document.addEventListener("click", function (event) {
          var id = event.target.getAttribute && event.target.getAttribute("data-copy");
          if (!id || !navigator.clipboard) { return; }
          var source = document.getElementById(id);
          if (source) { navigator.clipboard.writeText(source.textContent.trim()); event.target.textContent = "Copied"; }
        });
        """

    static let css = """
        :root { --ink: #1d2330; --muted: #5b6475; --line: #d8dde6; --accent: #3b6fb6; --deny: #b3261e; --allow: #1e7b34; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f6f7f9; }
        header { background: #1d2330; color: #fff; padding: 0.6rem 1rem; display: flex; flex-wrap: wrap; align-items: center; gap: 0.4rem 1rem; }
        header a { color: #dfe6f3; text-decoration: none; padding: 0.2rem 0.4rem; border-radius: 4px; }
        header a.current, header a:hover { background: #3a4458; color: #fff; }
        header .brand { font-weight: 600; margin-right: 0.5rem; }
        header form.signout { display: inline; margin: 0; }
        header form.signout button { background: none; border: 0; color: #dfe6f3; font: inherit; cursor: pointer; padding: 0.2rem 0.4rem; border-radius: 4px; }
        header form.signout button:hover { background: #3a4458; color: #fff; }
        header nav { display: flex; flex-wrap: wrap; gap: 0.2rem; flex: 1; }
        header .who { font-size: 0.9rem; color: #c6cede; }
        main { max-width: 1200px; margin: 0 auto; padding: 1rem; }
        h1 { font-size: 1.4rem; margin: 0.2rem 0 1rem; }
        h2 { font-size: 1.1rem; margin: 1.4rem 0 0.5rem; }
        section.card { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 0.8rem 1rem; margin-bottom: 1rem; }
        .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(260px, 1fr)); gap: 1rem; }
        .stat { font-size: 1.6rem; font-weight: 600; }
        .muted { color: var(--muted); font-size: 0.9rem; }
        .table { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #eef1f5; font-weight: 600; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 0.85rem; word-break: break-all; }
        .deny { color: var(--deny); font-weight: 600; }
        .allow { color: var(--allow); font-weight: 600; }
        .badge { display: inline-block; padding: 0 0.4rem; border-radius: 3px; background: #eef1f5; font-size: 0.8rem; }
        form.filters { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: flex-end; }
        form.filters label, form.stack label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); }
        form.stack { display: grid; gap: 0.6rem; max-width: 420px; }
        input, select, button { font: inherit; padding: 0.35rem 0.5rem; border: 1px solid var(--line); border-radius: 4px; }
        button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
        button.danger { background: #fff; color: var(--deny); border-color: var(--deny); }
        form.inline { display: inline; }
        .secret { background: #fff8e1; border: 1px solid #e9c46a; padding: 0.6rem; border-radius: 4px; }
        .error { background: #fdecea; border: 1px solid #f5c2bd; padding: 0.8rem; border-radius: 4px; }
        svg.bar { width: 100%; min-width: 80px; height: 0.6rem; display: block; }
        svg.chart { width: 100%; height: auto; display: block; }
        @media (max-width: 640px) {
          header { padding: 0.5rem; }
          header nav { order: 3; flex-basis: 100%; }
          main { padding: 0.6rem; }
          th, td { padding: 0.3rem; }
          .hide-narrow { display: none; }
        }
        """
}
