/// API tokens recognised by their vendor prefix. Lengths are those the vendors document or
/// issue, with room for growth where they announced it (GitHub: up to 255 characters).
extension SecretRules {
    static let tokens: [SecretRule] = [
        github, githubFineGrained, gitlab, slack, slackWebhook, stripe, anthropic, openAI, npm, pypi, huggingFace,
        twilio, sendGrid, dockerHub,
    ]

    /// Classic GitHub tokens: personal (`ghp_`), OAuth (`gho_`), user-to-server (`ghu_`),
    /// server-to-server (`ghs_`) and refresh (`ghr_`), then 36 or more letters and digits.
    static let github = prefixed(
        "github-token", .token, "GitHub token", prefixes: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
        body: .alnum, length: 36...251)

    /// Fine-grained GitHub personal access tokens: `github_pat_`, then (today) 82 characters.
    static let githubFineGrained = prefixed(
        "github-fine-grained-token", .token, "GitHub fine-grained personal access token", prefixes: ["github_pat_"],
        body: ByteSet("A-Za-z0-9_"), length: 50...244)

    /// GitLab personal access tokens: `glpat-` and 20 or more URL-safe characters.
    static let gitlab = prefixed(
        "gitlab-token", .token, "GitLab personal access token", prefixes: ["glpat-"], body: .base64URL,
        length: 20...255)

    /// Slack bot, user, app-configuration, refresh and legacy tokens (`xoxb-`, `xoxp-`, `xoxa-`,
    /// `xoxr-`, `xoxs-`) and app-level tokens (`xapp-`); the body must hold a digit (the
    /// workspace and user IDs), which rules out words such as `xoxb-example-value`.
    static let slack = prefixed(
        "slack-token", .token, "Slack token", prefixes: ["xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-", "xapp-"],
        body: ByteSet("A-Za-z0-9-"), length: 10...255
    ) { input, body in body.contains { ByteSet.digits.contains(input.bytes[$0]) } }

    /// Slack incoming-webhook and workflow URLs: whoever holds one can post to the channel.
    /// The finding covers the URL from its scheme.
    static let slackWebhook = SecretRule(
        id: "slack-webhook-url", category: .token, description: "Slack webhook URL", precedence: Precedence.token,
        anchors: [Anchor("hooks.slack.com/")]
    ) { input, start, end in
        guard let kind = ["services/", "workflows/", "triggers/"].first(where: { input.hasLiteral($0.utf8, at: end) })
        else { return nil }
        let pathStart = end + kind.utf8.count
        let stop = input.runEnd(from: pathStart, in: webhookPath, limit: 300)
        guard stop - pathStart >= 20 else { return nil }
        var from = start
        for scheme in ["https://", "http://"] where input.hasLiteral(scheme.utf8, at: start - scheme.utf8.count) {
            from = start - scheme.utf8.count
        }
        return from..<stop
    }

    private static let webhookPath = ByteSet("A-Za-z0-9_/")

    /// Stripe live secret (`sk_live_`) and restricted (`rk_live_`) keys. Test-mode keys
    /// (`sk_test_`) move no money and are left alone, as are publishable keys (`pk_live_`),
    /// which are public by design.
    static let stripe = prefixed(
        "stripe-live-key", .token, "Stripe live secret key", prefixes: ["sk_live_", "rk_live_"], body: .alnum,
        length: 20...247)

    /// Anthropic API and admin keys: `sk-ant-` and 32 or more URL-safe characters. More
    /// specific than the OpenAI shape, which `sk-ant-...` also has, so it wins the overlap.
    static let anthropic = prefixed(
        "anthropic-api-key", .token, "Anthropic API key", prefixes: ["sk-ant-"], body: .base64URL,
        length: 32...255, precedence: Precedence.specificToken)

    /// OpenAI keys: `sk-` (legacy and user keys) including `sk-proj-`, `sk-svcacct-` and
    /// `sk-admin-`, then 20 or more URL-safe characters with upper case, lower case and digits.
    /// `sk-` alone is a common prefix of slugs (`sk-learn`, `sk-SK-locale`), hence the mix.
    static let openAI = prefixed(
        "openai-api-key", .token, "OpenAI API key", prefixes: ["sk-"], body: .base64URL, length: 20...255
    ) { input, body in input.hasMixedCase(body) }

    /// npm access tokens: `npm_` and 36 letters and digits.
    static let npm = prefixed(
        "npm-token", .token, "npm access token", prefixes: ["npm_"], body: .alnum, length: 36...36)

    /// PyPI API tokens: `pypi-` then a macaroon whose base64 always starts `AgEI`
    /// (version 2, location `pypi.org` or `test.pypi.org`); 50 or more characters follow.
    static let pypi = prefixed(
        "pypi-token", .token, "PyPI API token", prefixes: ["pypi-AgEI"], body: .base64URL, length: 50...1024)

    /// Hugging Face user access tokens: `hf_` and 34 letters (mixed case; digits allowed).
    static let huggingFace = prefixed(
        "huggingface-token", .token, "Hugging Face access token", prefixes: ["hf_"], body: .alnum, length: 34...40
    ) { input, body in input.hasMixedCase(body, digit: false) }

    /// Twilio API keys: `SK` and 32 lower-case hex digits (the key SID, which together with its
    /// secret authenticates; it is never meant for logs).
    static let twilio = prefixed(
        "twilio-api-key", .token, "Twilio API key", prefixes: ["SK"], body: .lowerHex, length: 32...32
    ) { input, body in input.characterClasses(body) == 2 }

    /// SendGrid API keys: `SG.`, 22 URL-safe characters, `.`, 43 URL-safe characters.
    static let sendGrid = SecretRule(
        id: "sendgrid-api-key", category: .token, description: "SendGrid API key", precedence: Precedence.token,
        anchors: [Anchor("SG.")]
    ) { input, start, end in
        let word = ByteSet.base64URL
        guard input.isBoundary(at: start - 1, for: word) else { return nil }
        let first = input.runEnd(from: end, in: word, limit: 23)
        guard first - end == 22, input.byte(at: first) == UInt8(ascii: ".") else { return nil }
        let second = input.runEnd(from: first + 1, in: word, limit: 44)
        guard second - first - 1 == 43, input.isBoundary(at: second, for: word) else { return nil }
        return start..<second
    }

    /// Docker Hub personal access tokens: `dckr_pat_` and 27 or more URL-safe characters.
    static let dockerHub = prefixed(
        "docker-hub-token", .token, "Docker Hub personal access token", prefixes: ["dckr_pat_"], body: .base64URL,
        length: 27...255)
}
