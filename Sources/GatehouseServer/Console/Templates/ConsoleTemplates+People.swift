extension ConsoleTemplates {
    static let people = """
        <h1>People and groups</h1>
        {{#truncated}}<p class="muted">Showing the first 500 people.</p>{{/truncated}}
        {{#people}}
        <section class="card person" data-user="{{userName}}">
          <h2>{{userName}} {{^active}}<span class="badge deny">deprovisioned</span>{{/active}}</h2>
          <div class="muted">Subject <span class="mono">{{subject}}</span> · Groups: {{groups}}</div>
        """ + tokenTableFor(tableID: "tokens-{{userName}}", returnTo: "/console/people") + """
            </section>
            {{/people}}
            {{^people}}<p class="muted">Nobody is in the directory yet: people appear when SCIM provisions them or when they first sign in.</p>{{/people}}
            <h2>Groups</h2>
            <section class="card"><div class="table"><table id="groups"><thead><tr><th>Group</th><th class="num">Members</th></tr></thead><tbody>
            {{#groups}}<tr><td>{{name}}</td><td class="num">{{members}}</td></tr>{{/groups}}
            {{^groups}}<tr><td colspan="2" class="muted">No SCIM groups; groups then come from the identity provider's claims.</td></tr>{{/groups}}
            </tbody></table></div></section>
            """
}
