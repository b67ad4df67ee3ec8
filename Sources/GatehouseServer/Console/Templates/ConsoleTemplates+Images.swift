extension ConsoleTemplates {
    static let images = """
        <h1>Images</h1>
        <section class="card"><div class="table"><table id="images"><thead><tr><th>Image</th><th class="hide-narrow">Distribution</th><th class="num">Packages</th><th class="num">Critical</th><th class="num">High</th><th class="num">Other</th><th class="num">Pulls (7 d)</th></tr></thead><tbody>
        {{#images}}<tr><td><a href="/console/images/{{digest}}">{{name}}</a><div class="mono muted">{{digest}}</div></td><td class="hide-narrow">{{distro}}</td><td class="num">{{packages}}</td>
        <td class="num deny">{{critical}}</td><td class="num">{{high}}</td><td class="num">{{other}}</td><td class="num">{{pulls}}</td></tr>{{/images}}
        {{^images}}<tr><td colspan="7" class="muted">No image has been pulled through Gatehouse and scanned yet.</td></tr>{{/images}}
        </tbody></table></div></section>
        <h2>Refused pulls, last 7 days</h2><section class="card">
        """ + auditRowsFor("pull-denials", rows: "denials") + """
            </section>
            """

    static let image = """
        <h1>{{name}}</h1>
        <section class="card"><div class="mono">{{digest}}</div><div class="muted">{{distro}} · {{packages}} packages</div>
          <p>SBOM: <a href="/api/v1/images/{{digest}}/sbom?format=spdx-json" download>SPDX JSON</a> ·
             <a href="/api/v1/images/{{digest}}/sbom?format=cyclonedx-json" download>CycloneDX JSON</a></p>
          {{#notes}}<p class="muted">{{.}}</p>{{/notes}}</section>
        <h2>Findings</h2>
        <section class="card"><div class="table"><table id="findings"><thead><tr><th>Vulnerability</th><th>Severity</th><th>Package</th><th>Version</th><th>Fixed in</th><th class="hide-narrow">Summary</th></tr></thead><tbody>
        {{#findings}}<tr><td class="mono">{{id}}</td><td>{{severity}}</td><td class="mono">{{package}}</td><td class="mono">{{version}}</td><td class="mono">{{fixedVersion}}</td><td class="hide-narrow">{{summary}}</td></tr>{{/findings}}
        {{^findings}}<tr><td colspan="6" class="muted">No known vulnerabilities in the imported database.</td></tr>{{/findings}}
        </tbody></table></div></section>
        <h2>Pulls</h2><section class="card">
        """ + auditRowsFor("image-pulls", rows: "pulls") + """
            </section>
            """
}
