/// The `inference` section: the engines that serve local models, the OpenAI-compatible
/// upstreams models may be offloaded to, the model aliases clients ask for, prices, and the
/// budgets and rate limits of groups and users. Who may use what is the policy's (`model.use`
/// on the alias, `model.offload` on `UPSTREAM/MODEL`, `model.manage`, `usage.read`).
public struct InferenceConfig: Sendable, Hashable {
    /// The label of prices and budgets (`currency`, default `USD`).
    public var currency = "USD"
    /// The llama.cpp engine (`engines.llama_cpp`).
    public var llamaCpp = LlamaCppConfig()
    /// OpenAI-compatible remote endpoints (`upstreams`), by unique name.
    public var upstreams: [InferenceUpstream] = []
    /// The model aliases clients ask for (`models`); empty: every model of the model store is
    /// served under its own name.
    public var models: [ModelAlias] = []
    /// Past this many requests in flight, the local engine counts as busy and a model's next
    /// candidate is tried (`routing.queue_threshold`, default 4).
    public var queueThreshold = 4
    /// Prices per million tokens by route glob (`prices`), first match wins; no match costs 0.
    public var prices: [ModelPrice] = []
    /// Budgets and rate limits of groups and users (`limits`).
    public var limits: [UsageLimit] = []

    /// The defaults: llama.cpp with its defaults, no upstreams, no aliases, no prices or limits.
    public init() {}

    /// The upstream named `name`, if declared.
    public func upstream(named name: String) -> InferenceUpstream? {
        upstreams.first { $0.name == name }
    }

    /// The alias named `name`, if declared.
    public func model(named name: String) -> ModelAlias? {
        models.first { $0.name == name }
    }

    /// The first price whose glob matches `route` (`local/NAME` or `UPSTREAM/MODEL`), if any.
    public func price(forRoute route: String) -> ModelPrice? {
        prices.first { Glob($0.route).matches(route) }
    }
}

/// `inference.engines.llama_cpp`: how llama.cpp server processes are started and kept.
public struct LlamaCppConfig: Sendable, Hashable {
    /// The argv prefix that starts a server (`command`); empty: `llama-server` when on `PATH`,
    /// else `python3 -m llama_cpp.server`.
    public var command: [String] = []
    /// Arguments added to every start (`extra_args`).
    public var extraArgs: [String] = []
    /// CPU threads per server (`threads`, 1...256, default 1).
    public var threads = 1
    /// The context window in tokens (`context_length`, 256...1048576, default 4096).
    public var contextLength = 4096
    /// How many models may be loaded at once (`max_loaded`, 1...64, default 2).
    public var maxLoaded = 2
    /// How long an idle model stays loaded (`keep_alive`, default 5 minutes): `.zero` unloads
    /// it after each request, nil (`-1`) never unloads it.
    public var keepAlive: Duration? = .seconds(300)
    /// The memory loaded models may use, in bytes (`memory_bytes`); 0: what the host has
    /// available.
    public var memoryBytes: Int64 = 0
    /// How long a server may take to answer after starting (`start_timeout`, default 120s).
    public var startTimeout: Duration = .seconds(120)

    /// The defaults.
    public init() {}
}

/// `inference.upstreams[]`: an OpenAI-compatible endpoint models may be offloaded to.
public struct InferenceUpstream: Sendable, Hashable {
    /// The unique name (`[a-z0-9][a-z0-9_-]*`), the first part of its routes.
    public var name: String
    /// The API's base URL, without a trailing `/` (`https://api.openai.com/v1`).
    public var baseURL: String
    /// The API key, as a reference; nil: requests carry none.
    public var apiKey: SecretRef?
    /// How long one request may take (`timeout`, default 600s).
    public var timeout: Duration = .seconds(600)
    /// Whether plain http is allowed to a host other than loopback (`allow_plain_http`).
    public var allowPlainHTTP = false

    /// Creates an upstream with the default timeout.
    public init(name: String, baseURL: String, apiKey: SecretRef? = nil) {
        self.name = name
        self.baseURL = baseURL
        self.apiKey = apiKey
    }
}

/// `inference.models[]`: a name clients ask for, and where it may be served from.
public struct ModelAlias: Sendable, Hashable {
    /// The unique name clients ask for (and `model.use` is decided on).
    public var name: String
    /// Where it may be served from, in order: the first healthy one the policy and the
    /// budgets allow serves.
    public var candidates: [ModelCandidate]

    /// Creates an alias.
    public init(name: String, candidates: [ModelCandidate]) {
        self.name = name
        self.candidates = candidates
    }
}

/// One place a model alias may be served from.
public enum ModelCandidate: Sendable, Hashable {
    /// A model of the model store (`local: NAME`), run by a local engine.
    case local(String)
    /// A model of a declared upstream (`upstream: NAME, model: MODEL`).
    case upstream(String, model: String)

    /// The route usage is recorded and priced under: `local/NAME` or `UPSTREAM/MODEL`
    /// (`model.offload` is decided on the latter).
    public var route: String {
        switch self {
        case .local(let name): "local/\(name)"
        case .upstream(let upstream, let model): "\(upstream)/\(model)"
        }
    }
}

/// `inference.prices[]`: what tokens cost on the routes a glob matches, in millionths of the
/// currency unit per million tokens (so also: millionths per token times a million).
public struct ModelPrice: Sendable, Hashable {
    /// The glob over routes (`openai/gpt-4o*`, `local/*`).
    public var route: String
    /// The price of a million prompt tokens, in millionths of the currency unit (`input`).
    public var inputMicros: Int64
    /// The price of a million completion tokens, in millionths of the currency unit (`output`).
    public var outputMicros: Int64

    /// Creates a price.
    public init(route: String, inputMicros: Int64 = 0, outputMicros: Int64 = 0) {
        self.route = route
        self.inputMicros = inputMicros
        self.outputMicros = outputMicros
    }

    /// What a request costs, in millionths of the currency unit, rounded to the nearest.
    /// Saturates at `Int64.max / 1_000_000` rather than overflow.
    public func costMicros(promptTokens: Int, completionTokens: Int) -> Int64 {
        let input = Int64(max(0, promptTokens)).multipliedReportingOverflow(by: inputMicros)
        let output = Int64(max(0, completionTokens)).multipliedReportingOverflow(by: outputMicros)
        let sum = input.partialValue.addingReportingOverflow(output.partialValue)
        guard !input.overflow, !output.overflow, !sum.overflow, sum.partialValue <= Int64.max - 500_000 else {
            return Int64.max / 1_000_000
        }
        return (sum.partialValue + 500_000) / 1_000_000
    }
}

/// `inference.limits[]`: a budget and rate limits for a group (together or each member) or a
/// user. Every limit that applies to a request must allow it.
public struct UsageLimit: Sendable, Hashable {
    /// Whom a limit applies to.
    public enum Subject: Sendable, Hashable {
        /// The members of a group (`group`).
        case group(String)
        /// The principal with this subject (`user`).
        case user(String)
    }

    /// The id shown in refusals and the audit trail; unique among the file's rule ids.
    public var id: String
    /// Whom it applies to.
    public var subject: Subject
    /// For a group: whether each member has the limits to itself (`per_user`) instead of the
    /// members sharing them.
    public var perUser = false
    /// The spend allowed per calendar month (UTC), in millionths of the currency unit
    /// (`monthly_budget`); nil: no budget.
    public var monthlyBudgetMicros: Int64?
    /// Requests allowed per minute (`rpm`); nil: no limit.
    public var requestsPerMinute: Int?
    /// Tokens (prompt and completion) allowed per minute (`tpm`); nil: no limit.
    public var tokensPerMinute: Int?

    /// Creates a limit with no budget or rates yet.
    public init(id: String, subject: Subject, perUser: Bool = false) {
        self.id = id
        self.subject = subject
        self.perUser = perUser
    }
}
