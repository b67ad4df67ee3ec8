/// Reading the `inference` section.
extension ConfigParser {
    /// The most a price (per million tokens) or a monthly budget may be, in currency units.
    static let maxAmount: Int64 = 1_000_000_000

    static func readInference(_ value: YAMLValue, ids: inout RuleIDs) -> InferenceConfig {
        var inference = InferenceConfig()
        value.mapping { section in
            if let node = section.optional("currency"), let text = node.string() {
                if text.count <= 16, text.allSatisfy({ $0.isLetter || $0.isNumber }) {
                    inference.currency = text
                } else {
                    node.report("expected a label of up to 16 letters or digits, such as USD")
                }
            }
            if let engines = section.optional("engines") {
                engines.mapping { engines in
                    if let llama = engines.optional("llama_cpp") { inference.llamaCpp = readLlamaCpp(llama) }
                }
            }
            if let upstreams = section.optional("upstreams")?.sequence() {
                inference.upstreams = readUnique(upstreams, what: "upstream", read: readInferenceUpstream)
            }
            if let models = section.optional("models")?.sequence() {
                let upstreams = inference.upstreams.map(\.name)
                inference.models = readUnique(models, what: "model") { readModelAlias($0, upstreams: upstreams) }
            }
            if let routing = section.optional("routing") {
                routing.mapping { routing in
                    if let threshold = routing.optional("queue_threshold")?.integer(in: 1...10_000) {
                        inference.queueThreshold = threshold
                    }
                }
            }
            if let prices = section.optional("prices")?.sequence() {
                inference.prices = prices.compactMap(readModelPrice)
            }
            if let limits = section.optional("limits")?.sequence() {
                inference.limits = limits.compactMap { readUsageLimit($0, ids: &ids) }
            }
        }
        return inference
    }

    private static func readLlamaCpp(_ value: YAMLValue) -> LlamaCppConfig {
        var llama = LlamaCppConfig()
        value.mapping { engine in
            if let command = engine.optional("command")?.stringOrSequence() {
                llama.command = command.compactMap { $0.string() }
            }
            if let arguments = engine.optional("extra_args")?.stringOrSequence() {
                llama.extraArgs = arguments.compactMap { $0.string() }
            }
            if let threads = engine.optional("threads")?.integer(in: 1...256) { llama.threads = threads }
            if let length = engine.optional("context_length")?.integer(in: 256...1_048_576) {
                llama.contextLength = length
            }
            if let count = engine.optional("max_loaded")?.integer(in: 1...64) { llama.maxLoaded = count }
            if let keepAlive = engine.optional("keep_alive") {
                if keepAlive.isInteger(-1) {
                    llama.keepAlive = nil
                } else if let duration = keepAlive.duration(
                    zero: "0 to unload after each request, or -1 to never unload")
                {
                    llama.keepAlive = duration
                }
            }
            if let bytes = engine.optional("memory_bytes")?.integer(in: 0...(1 << 50)) {
                llama.memoryBytes = Int64(bytes)
            }
            if let timeout = engine.optional("start_timeout")?.duration() { llama.startTimeout = timeout }
        }
        return llama
    }

    /// The items `read` accepts, each name once: a repeat is reported at its `name` and left out.
    private static func readUnique<Item>(
        _ items: [YAMLValue], what: String, read: (YAMLValue) -> (Item, String, YAMLValue)?
    ) -> [Item] {
        var seen: Set<String> = []
        return items.compactMap { value in
            guard let (item, name, at) = read(value) else { return nil }
            guard seen.insert(name).inserted else {
                at.report("the \(what) \(ConfigEcho.quoted(name)) is declared twice")
                return nil
            }
            return item
        }
    }

    private static func readInferenceUpstream(_ value: YAMLValue) -> (InferenceUpstream, String, YAMLValue)? {
        value.mapping { entry -> (InferenceUpstream, String, YAMLValue)? in
            let nameValue = entry.required("name")
            var name = nameValue?.string()
            if let text = name, let nameValue, !isUpstreamName(text) {
                nameValue.report(
                    "expected a name of lowercase letters, digits, _ and -, starting with a letter or digit")
                name = nil
            }
            var baseURL: String?
            var urlValue = entry.required("base_url")
            urlValue?.isRedacted = true  // a URL may carry credentials
            if let urlValue, let text = urlValue.string() {
                if let problem = baseURLProblem(text) {
                    urlValue.report(problem)
                } else {
                    baseURL = text.hasSuffix("/") ? String(text.dropLast()) : text
                }
            }
            let apiKey = entry.optional("api_key")?.secretRef()
            let timeout = entry.optional("timeout")?.duration()
            let allowPlainHTTP = entry.optional("allow_plain_http")?.boolean() ?? false
            guard let name, let nameValue, let baseURL else { return nil }
            if !allowPlainHTTP, baseURL.hasPrefix("http://"), !isLoopback(host(of: baseURL)), let urlValue {
                urlValue.report(
                    "plain http only to a loopback host (127.0.0.1, ::1, localhost); use https or set allow_plain_http")
                return nil
            }
            var upstream = InferenceUpstream(name: name, baseURL: baseURL, apiKey: apiKey)
            upstream.allowPlainHTTP = allowPlainHTTP
            if let timeout { upstream.timeout = timeout }
            return (upstream, name, nameValue)
        } ?? nil
    }

    private static func readModelAlias(_ value: YAMLValue, upstreams: [String]) -> (ModelAlias, String, YAMLValue)? {
        value.mapping { entry -> (ModelAlias, String, YAMLValue)? in
            let nameValue = entry.required("name")
            let name = nameValue?.string()
            let candidates = entry.required("candidates")?.sequence()
            let read = candidates?.compactMap { readCandidate($0, upstreams: upstreams) }
            guard let name, let nameValue, let candidates, let read else { return nil }
            guard !candidates.isEmpty else {
                value.report("a model needs at least one candidate")
                return nil
            }
            guard read.count == candidates.count else { return nil }
            return (ModelAlias(name: name, candidates: read), name, nameValue)
        } ?? nil
    }

    /// `{local: NAME}` or `{upstream: NAME, model: MODEL}`, the upstream declared.
    private static func readCandidate(_ value: YAMLValue, upstreams: [String]) -> ModelCandidate? {
        value.mapping { entry -> ModelCandidate? in
            let localValue = entry.optional("local")
            let upstreamValue = entry.optional("upstream")
            let modelValue = entry.optional("model")
            guard (localValue == nil) != (upstreamValue == nil) else {
                value.report("a candidate needs exactly one of local or upstream")
                return nil
            }
            if let localValue {
                if let modelValue {
                    modelValue.report("model goes with upstream; a local candidate names its model in local")
                    return nil
                }
                return localValue.string().map(ModelCandidate.local)
            }
            guard let upstreamValue, let upstream = upstreamValue.string() else { return nil }
            guard upstreams.contains(upstream) else {
                let hint = DidYouMean.hint(for: upstream, among: upstreams).map { " (\($0))" } ?? ""
                upstreamValue.report("unknown upstream \(ConfigEcho.quoted(upstream))\(hint)")
                return nil
            }
            guard let modelValue else {
                value.report(#"missing required key "model" (an upstream candidate names the upstream's model)"#)
                return nil
            }
            return modelValue.string().map { .upstream(upstream, model: $0) }
        } ?? nil
    }

    private static func readModelPrice(_ value: YAMLValue) -> ModelPrice? {
        value.mapping { entry -> ModelPrice? in
            let route = entry.required("route")?.string()
            let input = entry.optional("input")?.micros(maximum: maxAmount)
            let output = entry.optional("output")?.micros(maximum: maxAmount)
            guard let route else { return nil }
            return ModelPrice(route: route, inputMicros: input ?? 0, outputMicros: output ?? 0)
        } ?? nil
    }

    private static func readUsageLimit(_ value: YAMLValue, ids: inout RuleIDs) -> UsageLimit? {
        value.mapping { entry -> UsageLimit? in
            let idValue = entry.required("id")
            let id = idValue?.string()
            let groupValue = entry.optional("group")
            let group = groupValue.flatMap(readGroupName)
            let userValue = entry.optional("user")
            let user = userValue?.string()
            let perUserValue = entry.optional("per_user")
            let perUser = perUserValue?.boolean() ?? false
            let budgetValue = entry.optional("monthly_budget")
            let rpmValue = entry.optional("rpm")
            let tpmValue = entry.optional("tpm")
            let budget = budgetValue?.micros(maximum: maxAmount)
            let rpm = rpmValue?.integer(in: 0...1_000_000_000)
            let tpm = tpmValue?.integer(in: 0...1_000_000_000)
            var limit: UsageLimit?
            if (groupValue == nil) == (userValue == nil) {
                value.report("a limit needs exactly one of group or user")
            } else if let group {
                limit = UsageLimit(id: id ?? "", subject: .group(group), perUser: perUser)
            } else if let user {
                limit = UsageLimit(id: id ?? "", subject: .user(user))
                if perUser, let perUserValue {
                    perUserValue.report("per_user goes with group; a user's limits are that user's own already")
                    limit = nil
                }
            }
            if budgetValue == nil, rpmValue == nil, tpmValue == nil {
                value.report("a limit needs at least one of monthly_budget, rpm or tpm")
                limit = nil
            }
            guard let id, let idValue, ids.claim(id, at: idValue), var limit,
                (budgetValue == nil) == (budget == nil), (rpmValue == nil) == (rpm == nil),
                (tpmValue == nil) == (tpm == nil)
            else { return nil }
            limit.monthlyBudgetMicros = budget
            limit.requestsPerMinute = rpm
            limit.tokensPerMinute = tpm
            return limit
        } ?? nil
    }
}

extension ConfigParser {
    /// Whether `name` matches `[a-z0-9][a-z0-9_-]*`.
    static func isUpstreamName(_ name: String) -> Bool {
        func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        guard let first = name.unicodeScalars.first, isLowerAlphanumeric(first) else { return false }
        return name.unicodeScalars.allSatisfy { isLowerAlphanumeric($0) || $0 == "_" || $0 == "-" }
    }

    /// A base URL must be an absolute http(s) URL with a host, without credentials, query,
    /// fragment or spaces.
    static func baseURLProblem(_ text: String) -> String? {
        guard text.hasPrefix("https://") || text.hasPrefix("http://"), !host(of: text).isEmpty else {
            return "expected an absolute URL such as https://api.openai.com/v1"
        }
        guard !text.contains("?"), !text.contains("#"), !text.contains(" ") else {
            return "the base URL must not have a query, fragment or spaces"
        }
        let authority = text.drop { $0 != "/" }.dropFirst(2).prefix { $0 != "/" }
        guard !authority.contains("@") else {
            return "the base URL must not carry credentials; use api_key: env:NAME"
        }
        return nil
    }

    /// The host of an http(s) URL, lowercased, without port or brackets.
    static func host(of url: String) -> String {
        let authority = url.drop { $0 != "/" }.dropFirst(2).prefix { $0 != "/" }
        let hostAndPort = authority.split(separator: "@").last.map(String.init) ?? ""
        if hostAndPort.hasPrefix("[") {
            return String(hostAndPort.dropFirst().prefix { $0 != "]" }).lowercased()
        }
        return String(hostAndPort.prefix { $0 != ":" }).lowercased()
    }

    /// Whether `host` is a loopback name or address (`localhost`, `127.0.0.0/8`, `::1`); a
    /// name that merely starts with `127.` (`127.example.com`) is not.
    static func isLoopback(_ host: String) -> Bool {
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        let isIPv4Loopback =
            octets.count == 4 && octets[0] == "127"
            && octets.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isASCII) && UInt8($0) != nil }
        return host == "localhost" || host == "::1" || isIPv4Loopback
    }
}
