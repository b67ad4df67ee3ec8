import Testing

@testable import GatehouseCore

@Suite struct StoreURLTests {
    static func diagnostics(_ url: String) -> [String] {
        do {
            _ = try ConfigParser.parse("version: 1\nstore:\n  url: \"\(url)\"\n", file: "g.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test(arguments: StoreConfig.sslModes)
    func everySSLModeTheServerAcceptsIsValid(mode: String) {
        #expect(Self.diagnostics("postgres://gh@db:5432/gh?sslmode=\(mode)").isEmpty)
    }

    @Test func unknownSSLModeAndParametersAreRefused() {
        #expect(
            Self.diagnostics("postgres://gh@db/gh?sslmode=allow")
                == ["g.yaml:3: store.url: sslmode must be one of disable, prefer, require, verify-ca, verify-full"])
        #expect(
            Self.diagnostics("postgres://gh@db/gh?application_name=x")
                == ["g.yaml:3: store.url: unsupported store URL parameter \"application_name\" (expected sslmode)"])
    }
}
