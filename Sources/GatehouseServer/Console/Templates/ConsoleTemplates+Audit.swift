extension ConsoleTemplates {
    static let audit = """
        <h1>Audit trail</h1>
        <section class="card">
          <form class="filters" method="get" action="/console/audit" id="audit-filter">
            <label>Person (subject)<input name="subject" value="{{subject}}"></label>
            <label>Action<input name="action" value="{{action}}" placeholder="tool.call"></label>
            <label>Decision<select name="decision">
              <option value="">any</option>
              <option value="allow"{{#decisionAllow}} selected{{/decisionAllow}}>allow</option>
              <option value="deny"{{#decisionDeny}} selected{{/decisionDeny}}>deny</option></select></label>
            <label>Since<input name="since" value="{{since}}" placeholder="24h or 2026-11-29T08:00:00Z" size="16"></label>
            <label>Until<input name="until" value="{{until}}" placeholder="RFC 3339 or 1h" size="16"></label>
            <label>Limit<input name="limit" value="{{limit}}" placeholder="100" size="5"></label>
            <button type="submit">Filter</button>
          </form>
          <p class="muted"><a href="/console/audit/export?{{exportQuery}}" id="export">Export these records (JSON lines)</a> ·
            <a href="/console/audit?verify=1&amp;{{exportQuery}}" id="verify">Verify the chain</a></p>
          {{#verification}}
          <p id="verification" class="{{#intact}}allow{{/intact}}{{^intact}}deny{{/intact}}">
            {{#intact}}Chain intact: {{records}} records, {{checkpoints}} signed checkpoints verified.{{/intact}}
            {{^intact}}Chain broken: {{problem}}{{/intact}}</p>
          {{/verification}}
        </section>
        <p class="muted" id="record-count">{{count}} records, newest first.</p>
        <div class="table"><table id="audit-records">
        <thead><tr><th class="num">#</th><th>Time</th><th>Person</th><th>Action</th><th>Resource</th><th>Decision</th><th class="hide-narrow">Rule</th><th class="hide-narrow">Outcome</th><th class="hide-narrow">Trace</th></tr></thead>
        <tbody>
        {{#rows}}
        <tr data-decision="{{decision}}" data-action="{{action}}"><td class="num">{{seq}}</td><td>{{time}}</td><td class="mono">{{subject}}</td><td>{{action}}</td><td class="mono">{{resource}}</td>
        <td class="{{#denied}}deny{{/denied}}{{^denied}}allow{{/denied}}" title="{{reason}}">{{decision}}</td><td class="hide-narrow">{{rule}}</td><td class="hide-narrow mono">{{outcome}}</td><td class="hide-narrow mono">{{traceID}}</td></tr>
        {{/rows}}
        {{^rows}}<tr><td colspan="9" class="muted">No records match.</td></tr>{{/rows}}
        </tbody></table></div>
        {{#olderQuery}}<p><a id="older" href="/console/audit?{{olderQuery}}">Older records</a></p>{{/olderQuery}}
        """
}
