import Foundation

extension ConsoleTemplates {
    static let spendTable = """
        <div class="table"><table id="{{tableID}}"><thead><tr><th>{{heading}}</th><th class="num">Requests</th><th class="num">Tokens</th><th class="num">Cost</th></tr></thead><tbody>
        {{#rows}}<tr><td class="mono">{{key}}</td><td class="num">{{requests}}</td><td class="num">{{tokens}}</td><td class="num">{{cost}}</td></tr>{{/rows}}
        {{^rows}}<tr><td colspan="4" class="muted">No model use this month.</td></tr>{{/rows}}
        </tbody></table></div>
        """

    static func spendTableFor(_ tableID: String, heading: String, rows: String) -> String {
        listed(spendTable.replacingOccurrences(of: "{{heading}}", with: heading), tableID: tableID, rows: rows)
    }

    /// `template` with its table id filled in and its `rows` list read from the key `rows`
    /// (Mustache partials take no arguments).
    static func listed(_ template: String, tableID: String, rows: String) -> String {
        template.replacingOccurrences(of: "{{tableID}}", with: tableID)
            .replacingOccurrences(of: "#rows}}", with: "#\(rows)}}").replacingOccurrences(
                of: "^rows}}", with: "^\(rows)}}"
            )
            .replacingOccurrences(of: "/rows}}", with: "/\(rows)}}")
    }

    static let spend = """
        <h1>Spend</h1>
        <p class="muted">Since {{since}} (budgets are per calendar month, UTC).</p>
        <h2>Budgets</h2>
        <section class="card"><div class="table"><table id="budgets"><thead><tr><th>Limit</th><th>Applies to</th><th class="num">Spent</th><th class="num">Budget</th><th></th></tr></thead><tbody>
        {{#budgets}}<tr><td>{{id}}</td><td>{{appliesTo}}</td><td class="num">{{spent}}</td><td class="num">{{budget}}</td>
        <td><svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label="{{percent}}%"><rect width="100" height="6" fill="#eef1f5"/><rect width="{{percent}}" height="6" fill="{{#over}}#b3261e{{/over}}{{^over}}#3b6fb6{{/over}}"/></svg></td></tr>{{/budgets}}
        {{^budgets}}<tr><td colspan="5" class="muted">No budgets are configured (inference.limits).</td></tr>{{/budgets}}
        </tbody></table></div></section>
        <h2>By person</h2><section class="card">
        """ + spendTableFor("spend-people", heading: "Person", rows: "people") + """
            </section><h2>By group</h2><section class="card">
            """ + spendTableFor("spend-groups", heading: "Group", rows: "groups") + """
            </section><h2>By model</h2><section class="card">
            """ + spendTableFor("spend-models", heading: "Model", rows: "models") + """
            </section>
            """
}
