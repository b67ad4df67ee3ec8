extension ConsoleTemplates {
    static let mcp = """
        <h1>MCP servers</h1>
        <section class="card"><div class="table"><table id="mcp-servers"><thead><tr><th>Server</th><th>Kind</th><th>State</th><th class="num">Sessions / pool</th><th class="num">Calls now</th><th class="num">Started</th><th class="hide-narrow">Declared tools</th></tr></thead><tbody>
        {{#servers}}<tr data-server="{{name}}"><td><strong>{{name}}</strong><div class="muted">{{title}}</div></td><td>{{kind}}</td><td>{{state}}</td>
        <td class="num">{{sessions}} / {{poolMax}}</td><td class="num">{{calls}}</td><td class="num">{{started}}</td><td class="hide-narrow mono">{{tools}}</td></tr>{{/servers}}
        {{^servers}}<tr><td colspan="7" class="muted">The catalog has no servers (mcp.catalogs).</td></tr>{{/servers}}
        </tbody></table></div><p class="muted">Sessions and calls are this replica's.</p></section>
        <h2>Calls per tool, last 7 days</h2>
        {{#truncated}}<p class="muted">More than 10,000 calls: the newest 10,000 are counted.</p>{{/truncated}}
        <section class="card"><div class="table"><table id="mcp-calls"><thead><tr><th>Tool</th><th class="num">Allowed</th><th class="num">Denied</th><th class="num">Failed</th></tr></thead><tbody>
        {{#calls}}<tr data-tool="{{tool}}"><td class="mono">{{tool}}</td><td class="num">{{allowed}}</td><td class="num deny">{{denied}}</td><td class="num">{{failed}}</td></tr>{{/calls}}
        {{^calls}}<tr><td colspan="4" class="muted">No tool calls this week.</td></tr>{{/calls}}
        </tbody></table></div></section>
        """
}
