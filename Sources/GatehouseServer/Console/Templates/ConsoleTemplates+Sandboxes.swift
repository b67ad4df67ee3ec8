import Foundation

extension ConsoleTemplates {
    static let auditRows = """
        <div class="table"><table id="{{tableID}}"><thead><tr><th>Time</th><th>Person</th><th>Resource</th><th>Decision</th><th class="hide-narrow">Rule</th><th class="hide-narrow">Outcome</th></tr></thead><tbody>
        {{#rows}}<tr data-decision="{{decision}}"><td>{{time}}</td><td class="mono">{{subject}}</td><td class="mono">{{resource}}</td>
        <td class="{{#denied}}deny{{/denied}}{{^denied}}allow{{/denied}}" title="{{reason}}">{{decision}}</td><td class="hide-narrow">{{rule}}</td><td class="hide-narrow mono">{{outcome}}</td></tr>{{/rows}}
        {{^rows}}<tr><td colspan="6" class="muted">None in the last day.</td></tr>{{/rows}}
        </tbody></table></div>
        """

    /// The audit rows table for the list `rows` (a model key), with the table id `tableID`.
    static func auditRowsFor(_ tableID: String, rows: String) -> String {
        listed(auditRows, tableID: tableID, rows: rows)
    }

    static let sandboxes = """
        <h1>Sandboxes</h1>
        <h2>Backends on this replica</h2>
        <section class="card"><div class="table"><table id="backends"><thead><tr><th>Backend</th><th>Isolation</th><th>Available</th><th class="hide-narrow">Why not</th></tr></thead><tbody>
        {{#backends}}<tr><td>{{name}}</td><td>{{level}}</td><td>{{#available}}<span class="allow">yes</span>{{/available}}{{^available}}<span class="deny">no</span>{{/available}}</td><td class="hide-narrow muted">{{reason}}</td></tr>{{/backends}}
        </tbody></table></div></section>
        <h2>Live</h2>
        <section class="card"><div class="table"><table id="live-sandboxes"><thead><tr><th>Id</th><th>Owner</th><th>Backend</th><th>State</th><th>Limits</th><th>Network</th><th class="hide-narrow">Command</th><th class="hide-narrow">Started</th></tr></thead><tbody>
        {{#live}}<tr><td class="mono">{{id}}</td><td class="mono">{{owner}}</td><td>{{backend}}</td><td>{{state}}</td><td>{{limits}}</td><td>{{network}}</td><td class="hide-narrow mono">{{command}}</td><td class="hide-narrow">{{started}}</td></tr>{{/live}}
        {{^live}}<tr><td colspan="8" class="muted">No sandbox is running on this replica.</td></tr>{{/live}}
        </tbody></table></div></section>
        <h2>Starts, last day</h2><section class="card">
        """ + auditRowsFor("sandbox-starts", rows: "starts") + """
            </section><h2>Egress decisions, last day</h2><section class="card">
            """ + auditRowsFor("egress-decisions", rows: "egress") + """
            </section>
            """
}
