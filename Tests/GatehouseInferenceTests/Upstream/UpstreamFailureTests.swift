import Foundation
import GatehouseCore
import Testing

@testable import GatehouseInference

/// What callers see of an upstream's failure: its explanation, never Gatehouse's key.
@Suite struct UpstreamFailureTests {
    let endpoint = UpstreamEndpoint(
        name: "openai", baseURL: "https://api.example.com/v1/", apiKey: "sk-test-0123456789abcdef", isLocal: false)

    @Test func credentialsRefusalsSayNothingOfTheKey() {
        let body = Data(#"{"error":{"message":"Incorrect API key provided: sk-test-0123456789abcdef"}}"#.utf8)
        let error = UpstreamFailure.error(status: 401, body: body, endpoint: endpoint)
        #expect(error.code == .upstreamFailed)
        #expect(!error.message.contains("sk-test"))
        #expect(!error.message.contains("89abcdef"))
    }

    @Test func requestMistakesQuoteTheUpstreamRedacted() {
        let body = Data(#"{"error":{"message":"context too long for key sk-test-0…89abcdef"}}"#.utf8)
        let error = UpstreamFailure.error(status: 400, body: body, endpoint: endpoint)
        #expect(error.code == .badRequest)
        #expect(
            error.message == "openai refused the request (HTTP 400): context too long for key [redacted]0…[redacted]")
    }

    @Test func statusesMapToCodes() {
        #expect(UpstreamFailure.error(status: 429, body: nil, endpoint: endpoint).code == .rateLimited)
        #expect(UpstreamFailure.error(status: 503, body: nil, endpoint: endpoint).code == .upstreamFailed)
        var local = endpoint
        local.isLocal = true
        #expect(
            UpstreamFailure.error(status: 500, body: Data("not json".utf8), endpoint: local).code == .engineUnavailable)
    }

    @Test func baseURLsLoseTheirTrailingSlash() {
        #expect(endpoint.baseURL == "https://api.example.com/v1")
    }
}
