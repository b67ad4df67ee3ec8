import GatehouseCore
import Testing

/// The `inference` section: engines, upstreams, model aliases, routing, prices and limits.
@Suite struct InferenceConfigTests {
    @Test func everyKeyIsRead() throws {
        let config = try ConfigParser.parse(
            """
            version: 1
            inference:
              currency: EUR
              engines:
                llama_cpp:
                  command: [/opt/venv/bin/python3, -m, llama_cpp.server]
                  extra_args: [--chat_format, chatml-function-calling]
                  threads: 2
                  context_length: 8192
                  max_loaded: 3
                  keep_alive: -1
                  memory_bytes: 8589934592
                  start_timeout: 2m
              upstreams:
                - name: openai
                  base_url: https://api.openai.com/v1/
                  api_key: env:OPENAI_API_KEY
                  timeout: 30s
                - {name: lab-vllm, base_url: "http://gpu.lab.example:8000/v1", allow_plain_http: true}
                - {name: local_ollama, base_url: "http://127.0.0.1:11434/v1"}
                - {name: local-v6, base_url: "http://[::1]:8000/v1"}
                - {name: local-name, base_url: "http://LOCALHOST:8000"}
              models:
                - name: smollm2
                  candidates:
                    - {local: "ai/smollm2:latest"}
                    - {upstream: openai, model: gpt-4o-mini}
                - {name: big, candidates: [{upstream: lab-vllm, model: qwen}]}
              routing:
                queue_threshold: 8
              prices:
                - {route: "openai/gpt-4o*", input: 2.50, output: 10.00}
                - {route: "local/*", output: 0.000001}
                - {route: "*", input: 1}
              limits:
                - {id: developers-team, group: developers, monthly_budget: 500, rpm: 600, tpm: 200000}
                - {id: developers-each, group: developers, per_user: true, monthly_budget: 50.5, rpm: 60}
                - {id: alice, user: "alice-subject", monthly_budget: 0}
            """, file: "g.yaml")
        let inference = config.inference
        #expect(inference.currency == "EUR")
        let llama = inference.llamaCpp
        #expect(llama.command == ["/opt/venv/bin/python3", "-m", "llama_cpp.server"])
        #expect(llama.extraArgs == ["--chat_format", "chatml-function-calling"])
        #expect(llama.threads == 2 && llama.contextLength == 8192 && llama.maxLoaded == 3)
        #expect(llama.keepAlive == nil, "-1: never unload")
        #expect(llama.memoryBytes == 8 << 30 && llama.startTimeout == .seconds(120))

        let openai = try #require(inference.upstream(named: "openai"))
        #expect(openai.baseURL == "https://api.openai.com/v1" && openai.apiKey == .env("OPENAI_API_KEY"))
        #expect(openai.timeout == .seconds(30) && !openai.allowPlainHTTP)
        #expect(inference.upstream(named: "lab-vllm")?.allowPlainHTTP == true)
        #expect(inference.upstream(named: "local_ollama")?.timeout == .seconds(600))

        let smollm = try #require(inference.model(named: "smollm2"))
        #expect(smollm.candidates == [.local("ai/smollm2:latest"), .upstream("openai", model: "gpt-4o-mini")])
        #expect(smollm.candidates.map(\.route) == ["local/ai/smollm2:latest", "openai/gpt-4o-mini"])
        #expect(inference.models.map(\.name) == ["smollm2", "big"])
        #expect(inference.queueThreshold == 8)

        #expect(
            inference.prices[0] == ModelPrice(route: "openai/gpt-4o*", inputMicros: 2_500_000, outputMicros: 10_000_000)
        )
        #expect(inference.prices[1].outputMicros == 1 && inference.prices[1].inputMicros == 0)
        #expect(inference.price(forRoute: "openai/gpt-4o-mini")?.inputMicros == 2_500_000)
        #expect(inference.price(forRoute: "local/ai/smollm2:latest")?.route == "local/*")
        #expect(inference.price(forRoute: "lab-vllm/qwen")?.route == "*", "first match wins")

        #expect(inference.limits.map(\.id) == ["developers-team", "developers-each", "alice"])
        let team = inference.limits[0]
        #expect(team.subject == .group("developers") && !team.perUser)
        #expect(team.monthlyBudgetMicros == 500_000_000 && team.requestsPerMinute == 600)
        #expect(team.tokensPerMinute == 200_000)
        let each = inference.limits[1]
        #expect(each.perUser && each.monthlyBudgetMicros == 50_500_000 && each.tokensPerMinute == nil)
        #expect(inference.limits[2].subject == .user("alice-subject") && inference.limits[2].monthlyBudgetMicros == 0)
    }

    @Test func defaults() throws {
        for text in ["version: 1\n", "version: 1\ninference: {}\n", "version: 1\ninference:\n"] {
            let inference = try ConfigParser.parse(text, file: "g.yaml").inference
            #expect(inference == InferenceConfig())
        }
        let defaults = InferenceConfig()
        #expect(defaults.currency == "USD" && defaults.queueThreshold == 4)
        #expect(defaults.upstreams.isEmpty && defaults.models.isEmpty)
        #expect(defaults.prices.isEmpty && defaults.limits.isEmpty)
        let llama = defaults.llamaCpp
        #expect(llama.command.isEmpty && llama.extraArgs.isEmpty)
        #expect(llama.threads == 1 && llama.contextLength == 4096 && llama.maxLoaded == 2)
        #expect(llama.keepAlive == .seconds(300) && llama.memoryBytes == 0 && llama.startTimeout == .seconds(120))
        let zero = try ConfigParser.parse(
            "version: 1\ninference:\n  engines: {llama_cpp: {keep_alive: 0s, start_timeout: 1d}}\n", file: "g.yaml")
        #expect(zero.inference.llamaCpp.keepAlive == .zero, "0: unload after each request")
        #expect(zero.inference.llamaCpp.startTimeout == .seconds(86_400))
        let bare = try ConfigParser.parse("version: 1\ninference: {engines: {llama_cpp: {keep_alive: 0}}}\n", file: "g")
        #expect(bare.inference.llamaCpp.keepAlive == .zero)
    }

    @Test("the commented example in examples/gatehouse.yaml is a valid section")
    func commentedExampleParses() throws {
        let lines = DefaultConfig.text.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex(of: "# inference:"))
        let section = lines[start...].prefix { $0.hasPrefix("#") }.map { $0.dropFirst(2) }
        let text = "version: 1\n" + section.joined(separator: "\n") + "\n"
        let inference = try ConfigParser.parse(text, file: "example").inference
        #expect(inference.upstreams.map(\.name) == ["openai"])
        #expect(inference.model(named: "smollm2")?.candidates.count == 2)
        #expect(inference.limits.map(\.id) == ["developers-team", "developers-each", "alice"])
        #expect(inference.price(forRoute: "openai/gpt-4o-mini")?.outputMicros == 10_000_000)
    }

    @Test func costsAreRoundedMillionths() {
        let price = ModelPrice(route: "*", inputMicros: 2_500_000, outputMicros: 10_000_000)
        #expect(price.costMicros(promptTokens: 1_000, completionTokens: 100) == 3_500)
        #expect(ModelPrice(route: "*", inputMicros: 1).costMicros(promptTokens: 499_999, completionTokens: 0) == 0)
        #expect(ModelPrice(route: "*", inputMicros: 1).costMicros(promptTokens: 500_000, completionTokens: 0) == 1)
        #expect(price.costMicros(promptTokens: .max, completionTokens: 1) == Int64.max / 1_000_000, "saturates")
    }

    @Test("problems are reported at their line and key", arguments: Self.malformed)
    func exactDiagnostics(_ config: MalformedConfig) {
        #expect(ConfigTestSupport.diagnostics(config.yaml) == config.expected)
    }

    static let malformed: [MalformedConfig] = [
        MalformedConfig(
            name: "a candidate naming an undeclared upstream",
            yaml: """
                version: 1
                inference:
                  upstreams: [{name: openai, base_url: "https://api.openai.com/v1"}]
                  models:
                    - name: m
                      candidates:
                        - {local: x}
                        - {upstream: opanai, model: gpt}
                """,
            expected: [
                #"gatehouse.yaml:8: inference.models[0].candidates[1].upstream: unknown upstream "opanai" "#
                    + #"(did you mean "openai"?)"#
            ]),
        MalformedConfig(
            name: "misspelt keys",
            yaml: """
                version: 1
                inference:
                  engines:
                    llama_cpp: {thread: 2}
                  limit: []
                """,
            expected: [
                #"gatehouse.yaml:4: inference.engines.llama_cpp.thread: unknown key (did you mean "threads"?)"#,
                #"gatehouse.yaml:5: inference.limit: unknown key (did you mean "limits"?)"#,
            ]),
        MalformedConfig(
            name: "candidates need exactly one of local or upstream, and model with upstream",
            yaml: """
                version: 1
                inference:
                  upstreams: [{name: a, base_url: "https://a.example"}]
                  models:
                    - name: m
                      candidates:
                        - {local: x, upstream: a, model: y}
                        - {}
                        - {upstream: a}
                        - {local: x, model: y}
                """,
            expected: [
                "gatehouse.yaml:7: inference.models[0].candidates[0]: a candidate needs exactly one of local or upstream",
                "gatehouse.yaml:8: inference.models[0].candidates[1]: a candidate needs exactly one of local or upstream",
                #"gatehouse.yaml:9: inference.models[0].candidates[2]: missing required key "model" "#
                    + "(an upstream candidate names the upstream's model)",
                "gatehouse.yaml:10: inference.models[0].candidates[3].model: model goes with upstream; "
                    + "a local candidate names its model in local",
            ]),
        MalformedConfig(
            name: "names are unique",
            yaml: """
                version: 1
                inference:
                  upstreams:
                    - {name: a, base_url: "https://a.example"}
                    - {name: a, base_url: "https://b.example"}
                    - {name: Bad, base_url: "https://c.example"}
                  models:
                    - {name: m, candidates: [{local: x}]}
                    - {name: m, candidates: [{local: y}]}
                    - {name: n, candidates: []}
                """,
            expected: [
                #"gatehouse.yaml:5: inference.upstreams[1].name: the upstream "a" is declared twice"#,
                "gatehouse.yaml:6: inference.upstreams[2].name: expected a name of lowercase letters, digits, _ and -, "
                    + "starting with a letter or digit",
                #"gatehouse.yaml:9: inference.models[1].name: the model "m" is declared twice"#,
                "gatehouse.yaml:10: inference.models[2]: a model needs at least one candidate",
            ]),
        MalformedConfig(
            name: "base URLs",
            yaml: """
                version: 1
                inference:
                  upstreams:
                    - {name: a, base_url: "http://api.example.com/v1"}
                    - {name: b, base_url: "https://user:hunter2@api.example.com/v1"}
                    - {name: c, base_url: "ftp://api.example.com"}
                    - {name: d, base_url: "https://api.example.com", api_key: sk-hunter2}
                """,
            expected: [
                "gatehouse.yaml:4: inference.upstreams[0].base_url: plain http only to a loopback host "
                    + "(127.0.0.1, ::1, localhost); use https or set allow_plain_http",
                "gatehouse.yaml:5: inference.upstreams[1].base_url: the base URL must not carry credentials; "
                    + "use api_key: env:NAME",
                "gatehouse.yaml:6: inference.upstreams[2].base_url: expected an absolute URL such as "
                    + "https://api.openai.com/v1",
                "gatehouse.yaml:7: inference.upstreams[3].api_key: secrets must be references (env:NAME or file:PATH), "
                    + "not inline values",
            ]),
        MalformedConfig(
            name: "durations and amounts",
            yaml: """
                version: 1
                inference:
                  engines:
                    llama_cpp: {keep_alive: 5 minutes, start_timeout: -1, threads: 0}
                  upstreams: [{name: a, base_url: "https://a.example", timeout: 600}]
                  prices:
                    - {route: "*", input: -1, output: 0.0000001}
                    - {route: "*", input: "2.50"}
                """,
            expected: [
                "gatehouse.yaml:4: inference.engines.llama_cpp.keep_alive: expected a duration like 30s, 5m or 12h "
                    + "(at most 365d), 0 to unload after each request, or -1 to never unload",
                "gatehouse.yaml:4: inference.engines.llama_cpp.start_timeout: expected a duration like 30s, 5m or 12h "
                    + "(at most 365d)",
                "gatehouse.yaml:4: inference.engines.llama_cpp.threads: 0 is out of range (expected 1...256)",
                "gatehouse.yaml:5: inference.upstreams[0].timeout: expected a duration like 30s, 5m or 12h "
                    + "(at most 365d)",
                "gatehouse.yaml:7: inference.prices[0].input: -1 is negative (expected 0 to 1000000000)",
                "gatehouse.yaml:7: inference.prices[0].output: 0.0000001 has more than six decimals",
                #"gatehouse.yaml:8: inference.prices[1].input: expected a number, found a string ("2.50")"#,
            ]),
        MalformedConfig(
            name: "limits",
            yaml: """
                version: 1
                inference:
                  limits:
                    - {id: a, group: developers, user: alice, rpm: 1}
                    - {id: b, group: developers}
                    - {id: c, user: alice, per_user: true, tpm: 1}
                    - {group: developers, rpm: 1}
                    - {id: e, rpm: -5}
                    - {id: shared, group: "bad group", monthly_budget: 1}
                groups:
                  developers:
                    rules:
                      - {id: shared, effect: allow, actions: model.use}
                """,
            expected: [
                "gatehouse.yaml:4: inference.limits[0]: a limit needs exactly one of group or user",
                "gatehouse.yaml:5: inference.limits[1]: a limit needs at least one of monthly_budget, rpm or tpm",
                "gatehouse.yaml:6: inference.limits[2].per_user: per_user goes with group; "
                    + "a user's limits are that user's own already",
                #"gatehouse.yaml:7: inference.limits[3]: missing required key "id""#,
                "gatehouse.yaml:8: inference.limits[4]: a limit needs exactly one of group or user",
                "gatehouse.yaml:8: inference.limits[4].rpm: -5 is out of range (expected 0...1000000000)",
                "gatehouse.yaml:9: inference.limits[5].group: invalid group name (use up to 128 letters, digits, "
                    + #"".", "_" and "-", starting with a letter or digit)"#,
                #"gatehouse.yaml:13: groups.developers.rules[0].id: duplicate rule id "shared" "#
                    + "(also used by inference.limits[5].id on line 9)",
            ]),
    ]

    @Test(arguments: [
        "currency: \"US dollars\"", "engines: {llama_cpp: {context_length: 100}}", "engines: {vllm: {}}",
        "engines: {llama_cpp: {max_loaded: 65}}", "engines: {llama_cpp: {memory_bytes: -1}}",
        "engines: {llama_cpp: {command: [python3, 3]}}", "engines: {llama_cpp: {keep_alive: 366d}}",
        "engines: {llama_cpp: {start_timeout: 0}}", "upstreams: [{name: a, base_url: \"https://a\", timeout: 0s}]",
        "upstreams: [{name: a}]", "upstreams: [{base_url: \"https://a\"}]", "routing: {queue_threshold: 0}",
        "models: [{name: m}]", "models: [{candidates: [{local: x}]}]", "prices: [{input: 1}]",
        "prices: [{route: x, input: 1e3}]", "limits: [{id: x, group: g, rpm: 1, burst: 2}]",
        "limits: [{id: x, user: \"\", rpm: 1}]", "upstreams: [{name: a, base_url: \"https://a/v1?x=1\"}]",
        "upstreams: [{name: a, base_url: \"http://127.attacker.example/v1\"}]",
        "upstreams: [{name: a, base_url: \"http://localhost.attacker.example/v1\"}]",
    ])
    func badSettingsAreRefused(line: String) {
        #expect(throws: ConfigError.self) {
            try ConfigParser.parse("version: 1\ninference:\n  \(line)\n", file: "g.yaml")
        }
    }
}
