extension ConsoleTemplates {
    static let policy = """
        <h1>Policy</h1>
        <h2>Explain a decision</h2>
        <section class="card">
          <form class="filters" method="get" action="/console/policy" id="explain">
            <label>Person (user name)<input name="person" value="{{person}}"></label>
            <label>or groups<input name="groups" value="{{groupsText}}" placeholder="developers, auditors"></label>
            <label>Action<input name="action" value="{{action}}" list="actions" required></label>
            <label>Resource<input name="resource" value="{{resource}}" placeholder="*"></label>
            <button type="submit">Explain</button>
          </form>
          <datalist id="actions">{{#actions}}<option value="{{.}}">{{/actions}}</datalist>
          {{#explained}}
          <p id="explanation"><strong>{{who}}</strong> (groups: {{groups}}):
            <span class="{{#allowed}}allow{{/allowed}}{{^allowed}}deny{{/allowed}}" id="explained-effect">{{effect}}</span>
            by rule <code id="explained-rule">{{rule}}</code>: {{reason}}{{#obligations}} · obligations: {{obligations}}{{/obligations}}</p>
          {{/explained}}
        </section>
        <h2>Rules in force</h2>
        {{#groups}}
        <section class="card" data-group="{{name}}"><h2>{{name}}</h2>{{#description}}<p class="muted">{{description}}</p>{{/description}}
        <div class="table"><table><thead><tr><th>Rule</th><th>Effect</th><th>Actions</th><th>Resources</th><th class="hide-narrow">Reason / obligations</th></tr></thead><tbody>
        {{#rules}}<tr><td class="mono">{{id}}</td><td class="{{#denies}}deny{{/denies}}{{^denies}}allow{{/denies}}">{{effect}}</td><td class="mono">{{actions}}</td><td class="mono">{{resources}}</td><td class="hide-narrow">{{reason}} {{obligations}}</td></tr>{{/rules}}
        </tbody></table></div></section>
        {{/groups}}
        """
}
