import GatehouseCore
import Testing

@testable import GatehouseSandbox

@Suite struct HostRuleTests {
    @Test func rulesMatchHostsAndPorts() throws {
        let plain = try HostRule(parsing: "PyPI.org")
        #expect(plain.allows(host: "pypi.org", port: 443))
        #expect(plain.allows(host: "pypi.org", port: 80))
        #expect(!plain.allows(host: "pypi.org", port: 8443))
        #expect(!plain.allows(host: "evil-pypi.org", port: 443))
        let wildcard = try HostRule(parsing: "*.example.com:8443")
        #expect(wildcard.allows(host: "api.example.com", port: 8443))
        #expect(!wildcard.allows(host: "example.com", port: 8443))
        #expect(!wildcard.allows(host: "api.example.com.evil", port: 8443))
        #expect(!wildcard.allows(host: "api.example.com", port: 443))
    }

    @Test(arguments: ["", "host:0", "host:70000", "user@host", "a/b", "host:port", "*.", "sp ace"])
    func badRulesAreRefused(text: String) {
        #expect(throws: GatehouseError.self) { try HostRule(parsing: text) }
    }

    @Test func proxyRequestsParse() throws {
        let connect = try #require(ProxyRequest(head: "CONNECT Example.com:443 HTTP/1.1\r\nHost: example.com\r\n\r\n"))
        #expect(connect.method == "CONNECT" && connect.host == "example.com" && connect.port == 443)
        let get = try #require(
            ProxyRequest(
                head:
                    "GET http://example.com:8080/a?b HTTP/1.1\r\nHost: elsewhere.example\r\nProxy-Connection: keep-alive\r\nAccept: */*\r\n\r\n"
            )
        )
        #expect(get.host == "example.com" && get.port == 8080 && get.path == "/a?b")
        #expect(
            get.originForm(adding: [("Authorization", "Bearer s")])
                == "GET /a?b HTTP/1.1\r\nHost: example.com:8080\r\nAccept: */*\r\nAuthorization: Bearer s\r\nConnection: close\r\n\r\n"
        )
        for bad in [
            "GET /relative HTTP/1.1\r\n\r\n", "CONNECT example.com HTTP/1.1\r\n\r\n",
            "CONNECT user@x:443 HTTP/1.1\r\n\r\n", "nonsense\r\n\r\n", "GET https://x/ HTTP/1.1\r\n\r\n",
        ] {
            #expect(ProxyRequest(head: bad) == nil, "\(bad)")
        }
    }

    /// Inside a TLS tunnel that gets credentials: the request's own Host is replaced by the
    /// tunnel's host, so a front end shared by several sites cannot route the credential away.
    @Test func tunnelledRequestsGoToTheTunnelsHostOnly() throws {
        let head = "POST /v1/x HTTP/1.1\r\nHost: attacker.example\r\nAuthorization: mine\r\nContent-Length: 2\r\n\r\n"
        let request = try #require(ProxyRequest(originFormHead: head, host: "api.example.com", port: 443))
        #expect(
            request.originForm(adding: [("Authorization", "Bearer s")])
                == "POST /v1/x HTTP/1.1\r\nHost: api.example.com\r\nContent-Length: 2\r\nAuthorization: Bearer s\r\nConnection: close\r\n\r\n"
        )
        let v6 = try #require(ProxyRequest(originFormHead: "GET / HTTP/1.1\r\n\r\n", host: "::1", port: 8443))
        #expect(v6.originForm(adding: []).hasPrefix("GET / HTTP/1.1\r\nHost: [::1]:8443\r\n"))
        for bad in ["GET http://x/ HTTP/1.1\r\n\r\n", "GET / HTTP/2\r\n\r\n", "G@T / HTTP/1.1\r\n\r\n", "\r\n\r\n"] {
            #expect(ProxyRequest(originFormHead: bad, host: "a.example", port: 443) == nil, "\(bad)")
        }
    }
}
