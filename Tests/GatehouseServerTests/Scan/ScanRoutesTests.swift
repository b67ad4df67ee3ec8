import Foundation
import GatehouseCore
import GatehouseRegistry
import GatehouseStore
import GatehouseTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Image policies, scans and SBOMs end to end: the debootstrap image (scripts/scan-image.sh)
/// pushed to the CNCF registry, pulled by skopeo through Gatehouse's registry proxy, scanned,
/// and matched against OSV records imported into the server's store.
@Suite(.serialized) struct ScanRoutesTests {
    /// Pushes the debootstrap image to the test registry as `test/debian:minbase` (once per run:
    /// skopeo skips blobs the registry has).
    static func image() async throws -> String {
        let upstream = try RegistryRoutesTests.upstream()
        guard let layout = ProcessInfo.processInfo.environment["GATEHOUSE_TEST_SCAN_LAYOUT"] else {
            try Test.cancel(
                "the debootstrap image is not built (scripts/scan-image.sh build, via scripts/test-deps.sh)")
        }
        let (status, output) = try await RegistryRoutesTests.skopeo([
            "copy", "--quiet", "--dest-tls-verify=false", "oci:\(layout)", "docker://\(upstream)/test/debian:minbase",
        ])
        #expect(status == 0, "\(output)")
        return "\(upstream)/test/debian:minbase"
    }

    /// A Debian 12 advisory against bash (whatever its version, fixed in 99), high (CVSS 7.5),
    /// published long ago.
    static let bashAdvisory = VulnRecordRow(
        id: "DEBIAN-TEST-BASH", ecosystem: "Debian", modified: "2020-01-02T00:00:00Z",
        document: #"""
            {"id":"DEBIAN-TEST-BASH","modified":"2020-01-02T00:00:00Z","published":"2020-01-01T00:00:00Z",
             "aliases":["CVE-2020-99999"],"summary":"bash: a test flaw",
             "severity":[{"type":"CVSS_V3","score":"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N"}],
             "affected":[{"package":{"ecosystem":"Debian:12","name":"bash"},
               "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"99.0-1"}]}]}]}
            """#)

    static func config(policy: String) -> String {
        RegistryRoutesTests.config(signatureKey: nil, registryExtra: "scan:\n  policies:\n" + policy + "\n")
    }

    static func pull(_ image: String, port: Int, token: String) async throws -> (Int32, String) {
        try await RegistryRoutesTests.skopeo([
            "inspect", "--raw", "--tls-verify=false", "--creds", "dev:\(token)",
            "docker://127.0.0.1:\(port)/\(Self.proxied(image))",
        ])
    }

    /// `HOST:PORT/test/debian:minbase` as written through the proxy (`HOST_PORT/…`).
    static func proxied(_ image: String) -> String {
        guard let slash = image.firstIndex(of: "/") else { return image }
        return RegistryRoutesTests.proxyForm(String(image[..<slash])) + image[slash...]
    }

    @Test func aFixableHighVulnerabilityRefusesThePullOnceTheDataKnowsIt() async throws {
        let image = try await Self.image()
        let policy =
            "    - {id: no-fixable-high, repositories: [\"127.0.0.1:*/test/debian*\"], groups: [developers], max_fixable: high, fixable_age_days: 30}"
        try await ServerHarness.withServer(config: Self.config(policy: policy)) { context in
            let port = try #require(context.client.port)
            let (store, token) = try await RegistryRoutesTests.developer(context)
            // No vulnerability data yet: the scan finds bash but nothing against it.
            let (served, output) = try await Self.pull(image, port: port, token: token)
            #expect(served == 0, "\(output)")

            _ = try await store.importVulnRecords([Self.bashAdvisory], source: "test", nowMicros: WallClock.nowMicros())
            let (refused, refusal) = try await Self.pull(image, port: port, token: token)
            #expect(refused != 0)
            #expect(refusal.contains("no-fixable-high") && refusal.contains("DEBIAN-TEST-BASH"), "\(refusal)")
            let denials = try await store.queryAudit(AuditQuery(action: "image.pull", decision: "deny", limit: 10))
            #expect(denials.contains { $0.event.rule == "no-fixable-high" && $0.event.subject == "dev" })

            // Admins are not in the policy's groups.
            let (adminPull, adminOutput) = try await RegistryRoutesTests.skopeo([
                "inspect", "--raw", "--tls-verify=false", "--creds", "admin:\(ServerHarness.adminToken)",
                "docker://127.0.0.1:\(port)/\(Self.proxied(image))",
            ])
            #expect(adminPull == 0, "\(adminOutput)")
            await store.shutdown()
        }
    }

    @Test func pulledImagesAreScannedAndTheirSBOMAndFindingsServed() async throws {
        let image = try await Self.image()
        let policy = "    - {id: non-root-only, repositories: [\"127.0.0.1:*/test/busybox*\"], non_root: true}"
        try await ServerHarness.withServer(config: Self.config(policy: policy)) { context in
            let (store, _) = try await RegistryRoutesTests.developer(context)
            _ = try await store.importVulnRecords([Self.bashAdvisory], source: "test", nowMicros: WallClock.nowMicros())
            let admin = ServerHarness.bearer(ServerHarness.adminToken)
            // The streaming scan: progress lines, then the report.
            let lines: [String] = try await context.client.execute(
                uri: "/api/v1/images/scan", method: .post, headers: admin,
                body: ByteBuffer(string: #"{"image":"\#(image)"}"#)
            ) { response in
                #expect(response.status == .ok)
                return String(buffer: response.body).split(separator: "\n").map(String.init)
            }
            #expect(lines.contains { $0.contains(#""stage":"scan""#) })
            let last = try #require(lines.last)
            let report = try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any]
            let body = try #require(report?["report"] as? [String: Any], "\(last)")
            let findings = body["findings"] as? [[String: Any]] ?? []
            #expect(
                findings.contains { $0["id"] as? String == "DEBIAN-TEST-BASH" && $0["severity"] as? String == "high" })
            let digest = try #require(body["digest"] as? String)

            // The same image by digest: its SBOM in both formats, and its findings.
            for format in ["spdx-json", "cyclonedx-json"] {
                try await context.client.execute(
                    uri: "/api/v1/images/\(digest)/sbom?format=\(format)", method: .get, headers: admin
                ) { response in
                    #expect(response.status == .ok)
                    let text = String(buffer: response.body)
                    #expect(text.contains("pkg:deb/debian/bash@"), "\(format)")
                    if format == "spdx-json" { #expect(text.contains("documentNamespace")) }
                }
            }
            try await context.client.execute(
                uri: "/api/v1/images/\(digest)/findings", method: .get, headers: admin
            ) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("DEBIAN-TEST-BASH"))
            }
            try await context.client.execute(
                uri: "/api/v1/images/sha256:\(String(repeating: "0", count: 64))/findings", method: .get, headers: admin
            ) { response in
                #expect(response.status == .notFound)
            }
            // The console lists the scanned image with its finding, and shows the finding and SBOMs.
            let (console, _) = try await ConsoleSession.signIn(context.client, token: ServerHarness.adminToken)
            let images = try await console.get("/console/images")
            #expect(images.body.contains(#"<a href="/console/images/\#(digest)">"#))
            #expect(images.body.contains("debian 12"))
            let detail = try await console.get("/console/images/\(digest)")
            #expect(detail.status == .ok)
            #expect(detail.body.contains("DEBIAN-TEST-BASH") && detail.body.contains("high"))
            #expect(detail.body.contains("/api/v1/images/\(digest)/sbom?format=cyclonedx-json"))
            #expect(
                try await console.get("/console/images/sha256:\(String(repeating: "0", count: 64))").status == .notFound
            )
            // The non-root policy refuses the busybox fixture only for pulls it covers: its user is 65534.
            let port = try #require(context.client.port)
            let (busybox, output) = try await RegistryRoutesTests.skopeo([
                "inspect", "--raw", "--tls-verify=false", "--creds", "admin:\(ServerHarness.adminToken)",
                "docker://127.0.0.1:\(port)/\(RegistryRoutesTests.proxyForm(try RegistryRoutesTests.upstream()))/test/busybox:1",
            ])
            #expect(busybox == 0, "\(output)")
            // That pull queued the fixture for a background scan: its findings appear by digest.
            let (_, raw) = try await RegistryRoutesTests.skopeo([
                "inspect", "--raw", "--tls-verify=false",
                "docker://\(try RegistryRoutesTests.upstream())/test/busybox:1",
            ])
            let fixture = Digest.sha256(of: Array(raw.utf8))
            var scanned = false
            for _ in 0..<300 where !scanned {
                scanned = try await context.client.execute(
                    uri: "/api/v1/images/\(fixture)/findings", method: .get, headers: admin
                ) { $0.status == .ok }
                if !scanned { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(scanned, "the pulled image was scanned in the background within 30 s")
            await store.shutdown()
        }
    }
}
