/// The console's Mustache templates, compiled into the binary so an installed `gatehouse`
/// needs no files beside it. `{{x}}` is HTML-escaped; `{{{x}}}` is used only for markup the
/// server made itself (the charts' SVG, a rendered page inside the layout).
enum ConsoleTemplates {
    /// Every template by name.
    static let all: [String: String] = [
        "layout": layout, "error": error, "signin": signIn, "home": home, "overview": overview, "audit": audit,
        "people": people, "spend": spend, "mcp": mcp, "sandboxes": sandboxes, "images": images, "image": image,
        "policy": policy,
    ]

    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{frame.title}} · Gatehouse</title>
        <link rel="stylesheet" href="/console/static/console.css">
        <script src="/console/static/console.js" defer></script>
        </head>
        <body data-page="{{frame.page}}">
        <header>
          <span class="brand">Gatehouse</span>
          <nav>{{#frame.nav}}<a href="/console{{^isHome}}/{{name}}{{/isHome}}" data-nav="{{name}}"{{#current}} class="current" aria-current="page"{{/current}}>{{label}}</a>{{/frame.nav}}</nav>
          {{#signedIn}}<span class="who" id="who">{{frame.person}}</span> <form method="post" action="/console/signout" class="signout"><input type="hidden" name="csrf" value="{{frame.csrf}}"><button type="submit" id="signout">Sign out</button></form>{{/signedIn}}
        </header>
        <main>
        {{{content}}}
        </main>
        </body>
        </html>
        """

    static let error = """
        <h1>{{status}} {{reason}}</h1>
        <p class="error" id="error-message">{{message}}</p>
        <p><a href="/console">Back to the console</a></p>
        """

    static let signIn = """
        <h1>Sign in to Gatehouse</h1>
        {{#message}}<p class="error" id="error-message">{{message}}</p>{{/message}}
        {{#browserSignIn}}
        <section class="card"><p><a href="/auth/login?return_to={{returnTo}}" id="sso">Sign in with your identity provider</a></p></section>
        {{/browserSignIn}}
        <section class="card">
          <form class="stack" method="post" action="/console/signin">
            <label>Access token<input type="password" name="token" autocomplete="off" required></label>
            <input type="hidden" name="return_to" value="{{returnTo}}">
            <button type="submit">Sign in with a token</button>
          </form>
          <p class="muted">The token is checked and a console session made for you; the token itself is not kept in the browser.</p>
        </section>
        """
}
