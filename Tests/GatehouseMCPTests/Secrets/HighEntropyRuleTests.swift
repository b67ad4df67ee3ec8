import Foundation
import Testing

@testable import GatehouseMCP

@Suite struct HighEntropyRuleTests {
    /// 48 random characters: random alphanumerics of this length score 4.8-5.0 bits (at 24
    /// characters only about 1 in 20 reaches 4.5). Not 40: 40 base64 characters assigned to a
    /// `secret` name are taken for an AWS secret access key.
    static let value = Fake.string(48, seed: 71)

    @Test(arguments: [
        #"{"api_key": "VALUE"}"#, "SECRET=VALUE\n", "client_secret: VALUE", "export SERVICE_TOKEN='VALUE'",
        "--token VALUE", #"{\"password\": \"VALUE\"}"#, "X-Api-Key: VALUE\r\n", "credentials = VALUE;",
        "auth_value => 'VALUE'", "apiKey := \"VALUE\"",
    ])
    func assignedRandomValues(template: String) {
        let text = template.replacingOccurrences(of: "VALUE", with: Self.value)
        expectSingle("high-entropy-secret", in: text, covering: Self.value)
    }

    @Test func base64OfRandomBytesIsReported() {
        // A Kubernetes Secret keeps values base64-encoded.
        let encoded = Data(Fake.string(45, seed: 72).utf8).base64EncodedString()
        expectSingle("high-entropy-secret", in: "data:\n  api-token: \(encoded)\n", covering: encoded)
    }

    @Test func entropyCanBeSwitchedOff() {
        expectClean(#"{"api_key": "\#(Self.value)"}"#, scanner: SecretScanner(entropy: false))
        #expect(!SecretScanner(entropy: false).rules.contains { $0.category == .highEntropy })
        #expect(SecretScanner().rules.last?.id == "high-entropy-secret")
    }

    @Test func randomValueWithoutASecretNameIsNotReported() {
        expectClean(#"{"etag": "\#(Self.value)", "request": "\#(Self.value)"}"#)
        expectClean("The value \(Self.value) appears in prose.")
    }

    @Test func namesThatSayPublicOrPaginationOrIdentifier() {
        expectClean(#"{"public_key": "\#(Self.value)"}"#)
        expectClean(#"{"publishableKey": "\#(Self.value)"}"#)
        expectClean(#"{"nextPageToken": "\#(Self.value)"}"#)
        expectClean(#"{"cursor_token": "\#(Self.value)"}"#)
        expectClean(#"{"key_id": "\#(Self.value)"}"#)
        expectClean("Sec-WebSocket-Key: \(Self.value)\r\n")
        expectClean(#"{"auth_nonce": "\#(Self.value)"}"#)
    }

    @Test func lowEntropyOrUnmixedValues() {
        expectClean("api_key = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")
        expectClean("secret = abcdefghijklmnopqrstuvwxyzabcdefgh")  // no upper case, no digits
        expectClean("token = ThisIsMyVeryLongCamelCaseIdentifierName1")  // entropy < 4.5
        expectClean("token: Short1Random2Value")  // under 24 characters
    }

    @Test func valueMustEndWhereTheStringEnds() {
        expectClean(#"{"token_url": "https://\#(Self.value).example.com/oauth"}"#)
        expectClean("secret_path = \(Self.value)/config.yaml")
    }

    @Test func comparisonsAreNotAssignments() {
        expectClean("if token == \"\(Self.value)\" { deny() }")
    }
}
