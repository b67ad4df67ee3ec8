import Foundation

extension ConsoleTemplates {
    static let tokenTable = """
        <div class="table"><table id="{{tableID}}">
        <thead><tr><th>Name</th><th>Kind</th><th class="hide-narrow">Created</th><th>Expires</th><th class="hide-narrow">Last used</th><th>State</th><th></th></tr></thead>
        <tbody>
        {{#tokens}}
        <tr data-token="{{id}}" data-token-name="{{name}}"><td>{{name}}{{#current}} <span class="badge">this session</span>{{/current}}</td><td>{{kind}}</td>
        <td class="hide-narrow">{{created}}</td><td>{{expires}}</td><td class="hide-narrow">{{lastUsed}}</td><td class="state">{{state}}</td>
        <td>{{#active}}<form class="inline" method="post" action="/console/tokens/{{id}}/revoke" data-confirm="Revoke {{name}}? Anything using it is refused at once.">
        <input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="return_to" value="{{returnTo}}">
        <button class="danger" type="submit" data-revoke="{{id}}">Revoke</button></form>{{/active}}</td></tr>
        {{/tokens}}
        {{^tokens}}<tr><td colspan="7" class="muted">No tokens or sessions.</td></tr>{{/tokens}}
        </tbody></table></div>
        """

    static let home = """
        <h1>{{name}}</h1>
        <div class="grid">
          <section class="card"><div class="muted">Signed in as</div><div class="mono" id="subject">{{subject}}</div>
            <div class="muted">from {{issuer}}</div><div class="muted">Groups: <span id="groups">{{groups}}</span></div></section>
          <section class="card"><div class="muted">Model spend this month</div><div class="stat" id="spend">{{cost}}</div>
            <div class="muted">{{requests}} requests, {{tokensUsed}} tokens</div></section>
        </div>
        {{#created}}
        <section class="secret" id="new-token"><strong>New token “{{name}}”</strong>, valid until {{expires}}. Copy it now: it is not shown again.
          <div><code id="new-token-secret">{{secret}}</code> <button type="button" data-copy="new-token-secret">Copy</button></div></section>
        {{/created}}
        <h2>Your tokens and sessions</h2>
        <section class="card">
        """ + tokenTableFor(tableID: "my-tokens", returnTo: "/console") + """
            </section>
            <h2>New access token</h2>
            <section class="card">
              <form class="stack" method="post" action="/console/tokens" id="create-token">
                <input type="hidden" name="csrf" value="{{csrf}}">
                <label>Name<input name="name" required maxlength="100" placeholder="laptop CLI"></label>
                <label>Lifetime (default: a day, at most until this session ends, {{sessionEnds}})<input name="ttl" placeholder="30m, 8h, 7d"></label>
                <label>Scopes (optional, space-separated)<input name="scopes" placeholder="model.use tool.call"></label>
                <button type="submit">Create token</button>
              </form>
            </section>
            """

    /// The token table with this page's ids filled in (Mustache partials take no arguments).
    static func tokenTableFor(tableID: String, returnTo: String) -> String {
        tokenTable.replacingOccurrences(of: "{{tableID}}", with: tableID)
            .replacingOccurrences(of: "{{returnTo}}", with: returnTo)
    }
}
