import Foundation
import Testing

@testable import GatehouseMCP

@Suite struct TokenRuleTests {
    @Test(arguments: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"])
    func githubClassicTokens(prefix: String) {
        let token = prefix + Fake.string(36, seed: 21)
        expectSingle(
            "github-token", in: "git clone https://x-access-token:\(token)@github.com/o/r.git", covering: token)
    }

    @Test func githubFineGrainedToken() {
        let token = "github" + "_pat_" + Fake.string(22, seed: 22) + "_" + Fake.string(59, seed: 23)
        expectSingle("github-fine-grained-token", in: "GH_TOKEN=\(token)", covering: token)
    }

    @Test func githubTokenOfWrongLengthIsNotReported() {
        expectClean("ghp_" + Fake.string(20, seed: 24))
        expectClean("ghp_" + "is_a_prefix_for_personal_tokens_in_docs")
    }

    @Test func gitlabToken() {
        let token = "gl" + "pat-" + Fake.string(20, from: Fake.base64URL, seed: 25)
        expectSingle("gitlab-token", in: "PRIVATE-TOKEN: \(token)", covering: token)
    }

    @Test(arguments: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"])
    func slackTokens(prefix: String) {
        let token = prefix + "123456789012-1234567890123-" + Fake.string(24, seed: 26)
        expectSingle("slack-token", in: #"{"token": "\#(token)"}"#, covering: token)
    }

    @Test func slackWebhookURL() {
        let url =
            "https://hooks.slack" + ".com/services/T" + Fake.string(8, from: Fake.upper, seed: 27) + "/B"
            + Fake.string(8, from: Fake.upper, seed: 28) + "/" + Fake.string(24, seed: 29)
        expectSingle("slack-webhook-url", in: "curl -X POST \(url) -d '{}'", covering: url)
    }

    @Test func slackWordsAreNotTokens() {
        expectClean("use an xoxb-style-bot-token for this")
        expectClean("https://hooks.slack" + ".com/services/")
    }

    @Test(arguments: ["sk_live_", "rk_live_"])
    func stripeLiveKeys(prefix: String) {
        let key = prefix + Fake.string(24, seed: 30)
        expectSingle("stripe-live-key", in: "stripe.api_key = '\(key)'", covering: key)
    }

    @Test func stripeTestAndPublishableKeysAreNotReported() {
        expectClean("pk" + "_live_" + Fake.string(24, seed: 31))
        expectClean("sk" + "_test_" + Fake.string(24, seed: 32) + " is a test-mode key")
    }

    @Test(arguments: ["", "proj-", "svcacct-", "admin-"])
    func openAIKeys(kind: String) {
        let key = "sk-" + kind + Fake.string(48, from: Fake.base64URL, seed: 33)
        expectSingle("openai-api-key", in: "OPENAI_API_KEY=\(key)", covering: key)
    }

    @Test func openAILegacyKey() {
        let key = "sk-" + Fake.string(20, seed: 34) + "T3Blbk" + "FJ" + Fake.string(20, seed: 35)
        expectSingle("openai-api-key", in: "client = OpenAI(api_key=\"\(key)\")", covering: key)
    }

    @Test func skDashSlugsAreNotOpenAIKeys() {
        expectClean("pip install scikit-learn; see sk-learn-documentation-and-examples-page")
        expectClean("task-\(Fake.string(30, seed: 36))")
    }

    @Test func anthropicKeyBeatsTheOpenAIShape() {
        let key = "sk-" + "ant-api03-" + Fake.string(93, from: Fake.base64URL, seed: 37) + "AA"
        expectSingle("anthropic-api-key", in: "ANTHROPIC_API_KEY=\(key)", covering: key)
    }

    @Test func npmToken() {
        let token = "np" + "m_" + Fake.string(36, seed: 38)
        expectSingle("npm-token", in: "//registry.npmjs.org/:_authToken=\(token)", covering: token)
    }

    @Test func pypiToken() {
        let token = "pypi-" + "AgEI" + "cHlwaS5vcmc" + Fake.string(120, from: Fake.base64URL, seed: 39)
        expectSingle("pypi-token", in: "password = \(token)", covering: token)
    }

    @Test func huggingFaceToken() {
        let token = "h" + "f_" + Fake.string(34, from: Fake.upper + Fake.lower, seed: 40)
        expectSingle("huggingface-token", in: "huggingface-cli login --token \(token)", covering: token)
    }

    @Test func huggingFaceIdentifiersAreNotTokens() {
        expectClean("from huggingface_hub import hf_hub_download, hf_hub_url")
    }

    @Test func twilioAPIKey() {
        let key = "S" + "K" + Fake.string(32, from: Fake.lowerHex, seed: 41)
        expectSingle("twilio-api-key", in: "TWILIO_API_KEY_SID: \(key)", covering: key)
    }

    @Test func sendGridKey() {
        let key =
            "S" + "G." + Fake.string(22, from: Fake.base64URL, seed: 42) + "."
            + Fake.string(43, from: Fake.base64URL, seed: 43)
        expectSingle("sendgrid-api-key", in: "sg = SendGridAPIClient('\(key)')", covering: key)
    }

    @Test func dockerHubToken() {
        let token = "dckr" + "_pat_" + Fake.string(27, from: Fake.base64URL, seed: 44)
        expectSingle("docker-hub-token", in: "echo \(token) | docker login -u me --password-stdin", covering: token)
    }

    @Test func bearerHeader() {
        let token = Fake.string(40, from: Fake.base64URL, seed: 45)
        expectSingle(
            "authorization-bearer", in: "curl -H 'Authorization: Bearer \(token)' https://api.example.com",
            covering: token)
        expectSingle(
            "authorization-bearer", in: #"{"headers": {"Authorization": "Bearer \#(token)"}}"#, covering: token)
        expectSingle("authorization-bearer", in: "proxy-authorization: bearer \(token)\r\n", covering: token)
    }

    @Test func bearerTokenWithAllRFC6750Characters() {
        let token = "ya29." + Fake.string(20, seed: 48) + "_-~+/" + Fake.string(20, seed: 49) + "=="
        expectSingle("authorization-bearer", in: "authorization=Bearer \(token);", covering: token)
    }

    @Test func bearerHeaderCarryingAKnownTokenIsNamedAfterIt() {
        let token = "gh" + "p_" + Fake.string(36, seed: 46)
        expectSingle("github-token", in: "Authorization: token \(token)", covering: token)
        let jwt = Fake.jwt()
        expectSingle("jwt", in: "Authorization: Bearer \(jwt)", covering: jwt)
    }

    @Test func bearerPlaceholdersAreNotTokens() {
        expectClean(#"curl -H "Authorization: Bearer $TOKEN" localhost:8080/api/v1/whoami"#)
        expectClean("Authorization: Bearer <token>")
        expectClean("Authorization: Bearer YOUR_ACCESS_TOKEN_HERE")
        expectClean("Authorization: Bearer ${{ secrets.GITHUB_TOKEN }}")
    }

    @Test func basicHeader() {
        let credentials = Data(("alice:" + Fake.string(12, seed: 47)).utf8).base64EncodedString()
        expectSingle("authorization-basic", in: "Authorization: Basic \(credentials)\r\n", covering: credentials)
    }

    @Test func basicHeaderMustDecodeToCredentials() {
        expectClean("Authorization: Basic " + Data("no colon here".utf8).base64EncodedString())
        expectClean("Authorization: Basic realm=\"example\"")
    }
}
