extension ConsoleTemplates {
    static let overview = """
        <h1>Overview</h1>
        <div class="grid">
          <section class="card"><div class="muted">Requests, last 24 h</div><div class="stat" id="requests">{{requests}}</div></section>
          <section class="card"><div class="muted">Denials, last 24 h</div><div class="stat deny" id="denials">{{denials}}</div></section>
          <section class="card"><div class="muted">Model spend this month</div><div class="stat" id="spend-month">{{spendMonth}}</div></section>
          <section class="card"><div class="muted">Sandboxes running (this replica)</div><div class="stat" id="sandboxes-running">{{sandboxesRunning}}</div></section>
        </div>
        {{#truncated}}<p class="muted">More than 10,000 records in the last day: the counts and charts cover the newest 10,000.</p>{{/truncated}}
        <div class="grid">
          <section class="card"><h2>Requests per hour</h2>{{{requestsChart}}}</section>
          <section class="card"><h2>Denials per hour</h2>{{{denialsChart}}}</section>
          <section class="card"><h2>Model spend per day</h2>{{{spendChart}}}</section>
          <section class="card"><h2>Sandbox starts per hour</h2>{{{sandboxChart}}}</section>
          <section class="card"><h2>Sandboxes running, peak per hour (this replica)</h2>{{{runningChart}}}</section>
        </div>
        <h2>Most denied, last 24 h</h2>
        <section class="card"><div class="table"><table id="top-denials"><thead><tr><th>Action and resource</th><th class="num">Denials</th></tr></thead><tbody>
        {{#topDenials}}<tr><td class="mono">{{name}}</td><td class="num">{{count}}</td></tr>{{/topDenials}}
        {{^topDenials}}<tr><td colspan="2" class="muted">No denials.</td></tr>{{/topDenials}}
        </tbody></table></div></section>
        """
}
