import Foundation
import GatehouseCore
import GatehouseSandbox
import GatehouseStore
import GatehouseTestSupport
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Sandboxes over the API: streamed output and exit status, workspace roots, the policy's
/// minimum isolation, and the egress proxy deciding and recording every connection.
@Suite struct SandboxRoutesTests {
    static let workspaceRoot = NSTemporaryDirectory() + "gatehouse-api-ws"

    static var config: String {
        ServerHarness.config.replacingOccurrences(
            of: "groups:\n",
            with: """
                sandbox:
                  workspace_roots: [\(workspaceRoot)]
                  egress_credentials:
                    - {host: 127.0.0.1, header: X-Api-Key, value: env:TEST_EGRESS_KEY}
                groups:
                  developers:
                    rules:
                      - {id: dev-sandbox, effect: allow, actions: [sandbox.start, sandbox.list, sandbox.stop]}
                      - {id: dev-egress, effect: allow, actions: [egress.connect], resources: ["127.0.0.1:*"]}
                      - {id: dev-no-secret-port, effect: deny, actions: [egress.connect], resources: ["127.0.0.1:1"]}
                  strict:
                    rules:
                      - {id: strict-vm, effect: allow, actions: [sandbox.start], obligations: {min_isolation: microvm}}

                """)
    }

    struct Outcome {
        let status: Int
        var stdout = ""
        var stderr = ""
        var exit: Int32?
        var reason: String?
        var error: String?
    }

    /// Starts a sandbox through the API and reads its whole stream.
    static func start(_ client: any TestClientProtocol, token: String, _ json: String) async throws -> Outcome {
        try await client.execute(
            uri: "/api/v1/sandboxes", method: .post, headers: ServerHarness.bearer(token),
            body: ByteBuffer(string: json)
        ) { response in
            var outcome = Outcome(status: Int(response.status.code))
            let text = String(buffer: response.body)
            guard response.status == .ok else {
                outcome.error = text
                return outcome
            }
            for line in text.split(separator: "\n") {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
                if let chunk = object["stdout"] as? String, let data = Data(base64Encoded: chunk) {
                    outcome.stdout += String(decoding: data, as: UTF8.self)
                }
                if let chunk = object["stderr"] as? String, let data = Data(base64Encoded: chunk) {
                    outcome.stderr += String(decoding: data, as: UTF8.self)
                }
                if let exit = object["exit"] as? Int { outcome.exit = Int32(exit) }
                if let reason = object["reason"] as? String { outcome.reason = reason }
            }
            return outcome
        }
    }

    static func requireBackend() async throws {
        let (backends, reports) = await SandboxProbeCache.value
        if backends.isEmpty { try Test.cancel("no sandbox backend here: \(reports.first?.reason ?? "?")") }
    }

    @Test func runsStreamsAndReturnsTheExitStatus() async throws {
        try await Self.requireBackend()
        let workspace = Self.workspaceRoot + "/" + UUID().uuidString.prefix(8)
        try FileManager.default.createDirectory(atPath: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: workspace) }
        try await ServerHarness.withServer(config: Self.config) { context in
            let store = try await SQLiteStore.open(
                path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
            let token = try await ServerTokens.create(store: store, subject: "dev", groups: ["developers"])
            let outcome = try await Self.start(
                context.client, token: token,
                #"{"command": ["/bin/sh", "-c", "echo out; echo err >&2; echo saved > result.txt; exit 3"], "workspace": "\#(workspace)", "env": {"GREETING": "hi"}}"#
            )
            #expect(outcome.status == 200, "\(outcome.error ?? "")")
            #expect(outcome.stdout == "out\n")
            #expect(outcome.stderr == "err\n")
            #expect(outcome.exit == 3 && outcome.reason == "exited")
            #expect(try String(contentsOfFile: workspace + "/result.txt", encoding: .utf8) == "saved\n")

            let outside = try await Self.start(
                context.client, token: token, #"{"command": ["true"], "workspace": "\#(NSTemporaryDirectory())"}"#)
            #expect(outside.status == 403 && outside.error?.contains("workspace_roots") == true)
            // The host's own / as an "image" would expose everything: refused.
            let hostRoot = try await Self.start(
                context.client, token: token, #"{"command": ["/bin/cat", "/etc/shadow"], "image_root": "/"}"#)
            #expect(hostRoot.status == 403 && hostRoot.error?.contains("image_roots") == true)

            let strict = try await ServerTokens.create(store: store, subject: "strict", groups: ["strict"])
            let refused = try await Self.start(context.client, token: strict, #"{"command": ["true"]}"#)
            #expect(refused.status == 503)
            #expect(refused.error?.contains("at least microvm") == true, "\(refused.error ?? "")")

            let records = try await store.queryAudit(AuditQuery(action: "sandbox.start", limit: 10))
            #expect(records.map(\.event.resource).allSatisfy { $0 == "namespaces" })  // the backend used
            #expect(records.contains { $0.event.subject == "strict" && $0.event.outcome.hasPrefix("error") })
            await store.shutdown()
        }
    }

    @Test func egressGoesOnlyThroughTheProxyAndEveryConnectionIsRecorded() async throws {
        try await Self.requireBackend()
        let echo = try LoopbackServer.httpEcho()
        let other = try LoopbackServer.httpEcho()
        defer {
            echo.close()
            other.close()
        }
        try await ServerHarness.withServer(config: Self.config, environment: ["TEST_EGRESS_KEY": "k-secret"]) {
            context in
            let store = try await SQLiteStore.open(
                path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
            let token = try await ServerTokens.create(store: store, subject: "dev", groups: ["developers"])
            let python = """
                import urllib.request, urllib.error, http.client, os
                def get(url):
                    try:
                        body = urllib.request.urlopen(url, timeout=5).read().decode()
                        print("GOT " + url + " " + str("X-Api-Key: k-secret" in body) + " " + str("PROXY" in os.environ.get("HTTP_PROXY", "").upper()))
                    except urllib.error.HTTPError as error:
                        print("REFUSED %s %d %s" % (url, error.code, error.read().decode().strip()))
                get("http://127.0.0.1:\(echo.port)/allowed")
                get("http://127.0.0.1:\(other.port)/not-listed")
                tunnel = http.client.HTTPConnection("127.0.0.1", 3128, timeout=5)
                tunnel.set_tunnel("127.0.0.1", \(echo.port))
                tunnel.request("GET", "/through-connect")
                print("TUNNEL " + str(tunnel.getresponse().status))
                """
            let body: [String: Any] = [
                "command": ["/usr/bin/python3", "-c", python],
                "allow_hosts": ["127.0.0.1:\(echo.port)"],
            ]
            let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
            let outcome = try await Self.start(context.client, token: token, json)
            #expect(outcome.exit == 0, "\(outcome.stdout)\(outcome.stderr)")
            #expect(outcome.stdout.contains("GOT http://127.0.0.1:\(echo.port)/allowed True"), "\(outcome.stdout)")
            #expect(
                outcome.stdout.contains("REFUSED http://127.0.0.1:\(other.port)/not-listed 403"), "\(outcome.stdout)")
            #expect(outcome.stdout.contains("TUNNEL 200"), "\(outcome.stdout)")
            #expect(echo.accepted == 2)
            #expect(other.accepted == 0)
            let records = try await store.queryAudit(AuditQuery(action: "egress.connect", limit: 10))
            #expect(records.count == 3)
            #expect(records.filter { $0.event.decision == "allow" }.count == 2)
            let refusal = records.first { $0.event.decision == "deny" }
            #expect(refusal?.event.resource == "127.0.0.1:\(other.port)")
            #expect(refusal?.event.rule == "sandbox-allowlist")
            #expect(refusal?.event.subject == "dev")
            let start = try await store.queryAudit(AuditQuery(action: "sandbox.start", limit: 1)).first
            #expect(records.allSatisfy { $0.event.traceID == start?.event.traceID })  // one trace per sandbox
            await store.shutdown()
        }
    }

    /// HTTPS to a host with a credential: the proxy answers the tunnel with a certificate from
    /// the sandbox's own CA, verifies the real host, and adds the credential inside TLS; a host
    /// it cannot verify gets a 502 and never the credential. The sandbox never sees the secret.
    @Test func httpsCredentialsAreInjectedThroughTheSandboxesOwnCA() async throws {
        try await Self.requireBackend()
        let trusted = try await TLSEchoServer()
        let untrusted = try await TLSEchoServer()
        let config = Self.config.replacingOccurrences(
            of: "value: env:TEST_EGRESS_KEY}", with: "value: env:TEST_EGRESS_KEY, ca_file: \(trusted.caFile)}")
        try await ServerHarness.withServer(config: config, environment: ["TEST_EGRESS_KEY": "k-secret"]) { context in
            let store = try await SQLiteStore.open(
                path: context.dataDir + "/gatehouse.db", logger: ServerHarness.logger)
            let token = try await ServerTokens.create(store: store, subject: "dev", groups: ["developers"])
            let python = """
                import urllib.request, urllib.error, os
                def get(url, host):
                    try:
                        body = urllib.request.urlopen(url, timeout=10).read().decode().lower()
                        print("GOT %s %s %s" % (url, "x-api-key: k-secret" in body, ("host: " + host) in body))
                    except urllib.error.HTTPError as error:
                        print("REFUSED %s %d %s" % (url, error.code, error.read().decode().strip()))
                    except Exception as error:
                        print("FAILED %s %s" % (url, error))
                get("https://127.0.0.1:\(trusted.port)/trusted", "127.0.0.1:\(trusted.port)")
                get("https://127.0.0.1:\(untrusted.port)/untrusted", "127.0.0.1:\(untrusted.port)")
                seen = any("k-secret" in value for value in os.environ.values())
                print("SECRET " + ("VISIBLE" if seen else "HIDDEN") + " CA " + os.environ.get("SSL_CERT_FILE", "-"))
                """
            let body: [String: Any] = [
                "command": ["/usr/bin/python3", "-c", python],
                "allow_hosts": ["127.0.0.1:\(trusted.port)", "127.0.0.1:\(untrusted.port)"],
            ]
            let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
            let outcome = try await Self.start(context.client, token: token, json)
            #expect(outcome.exit == 0, "\(outcome.stdout)\(outcome.stderr)")
            #expect(
                outcome.stdout.contains("GOT https://127.0.0.1:\(trusted.port)/trusted True True"), "\(outcome.stdout)")
            #expect(
                outcome.stdout.contains("REFUSED https://127.0.0.1:\(untrusted.port)/untrusted 502"),
                "\(outcome.stdout)")
            #expect(outcome.stdout.contains("SECRET HIDDEN CA /run/gatehouse/ca-bundle.pem"), "\(outcome.stdout)")
            #expect(trusted.requests == 1)
            #expect(untrusted.requests == 0)
            let records = try await store.queryAudit(AuditQuery(action: "egress.connect", limit: 10))
            #expect(records.filter { $0.event.decision == "allow" }.count == 2)
            await store.shutdown()
        }
        await trusted.close()
        await untrusted.close()
    }
}

/// The probe, once per test run, to skip (with the reason) where the machine has no backend.
enum SandboxProbeCache {
    static let task = Task {
        await GatehouseSandbox.SandboxProbe.run(
            stateRoot: NSTemporaryDirectory() + "gatehouse-probe-cache", microVM: false)
    }
    static var value: ([any GatehouseSandbox.SandboxBackend], [GatehouseSandbox.BackendReport]) {
        get async { await task.value }
    }
}
