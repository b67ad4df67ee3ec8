import GatehouseCore
import Yams

extension AgentFileReader {
    /// `models`.
    static func readModels(_ value: YAMLValue) -> [String: ModelDefinition] {
        var models: [String: ModelDefinition] = [:]
        value.mapping { map in
            for entry in map.takeAll() {
                entry.value.mapping { model in
                    let provider = model.required("provider")?.string()
                    let name = model.required("model")?.string()
                    var read = ModelDefinition(provider: provider ?? "", model: name ?? "")
                    read.temperature = model.optional("temperature")?.number(in: 0...2)
                    read.maxTokens = model.optional("max_tokens")?.integer(in: 1...10_000_000)
                    read.topP = model.optional("top_p")?.number(in: 0...1)
                    read.baseURL = model.optional("base_url")?.string()
                    read.parallelToolCalls = model.optional("parallel_tool_calls")?.boolean()
                    _ = model.optional("token_key")?.string()
                    if let options = model.optional("provider_opts") {
                        read.providerOptions = options.json()?.objectValue ?? [:]
                        if let choice = read.providerOptions["tool_choice"], !validToolChoice(choice) {
                            options.report(
                                "tool_choice must be \"auto\", \"none\", \"required\" or {type: function, function: {name: NAME}}"
                            )
                        }
                    }
                    if provider != nil, name != nil { models[entry.name] = read }
                }
            }
        }
        return models
    }

    private static func validToolChoice(_ choice: JSONValue) -> Bool {
        if let text = choice.stringValue { return ["auto", "none", "required"].contains(text) }
        return choice["type"]?.stringValue == "function" && choice["function"]?["name"]?.stringValue != nil
    }

    /// `providers`.
    static func readProviders(_ value: YAMLValue) -> [String: ProviderDefinition] {
        var providers: [String: ProviderDefinition] = [:]
        value.mapping { map in
            for entry in map.takeAll() {
                entry.value.mapping { provider in
                    var read = ProviderDefinition()
                    read.apiType = provider.optional("api_type")?.string()
                    if let type = read.apiType, !["openai_chatcompletions", "openai_responses"].contains(type) {
                        provider.optional("api_type")?.report(
                            "api_type must be openai_chatcompletions or openai_responses")
                    }
                    read.baseURL = provider.optional("base_url")?.string()
                    read.tokenKey = provider.optional("token_key")?.string()
                    providers[entry.name] = read
                }
            }
        }
        return providers
    }

    /// `mcps`: named MCP toolsets (their `type` is `mcp`, written or not).
    static func readMCPs(_ value: YAMLValue) -> [String: ToolsetDefinition] {
        var mcps: [String: ToolsetDefinition] = [:]
        value.mapping { map in
            for entry in map.takeAll() {
                guard let toolset = readToolset(entry.value, forcedKind: .mcp) else { continue }
                // A named server refers to the catalog, never to another name (no chains, no loops).
                if let ref = toolset.ref, !ref.hasPrefix("docker:") {
                    entry.value.report(
                        "an entry of mcps refers to the catalog with ref: docker:NAME, found \(ConfigEcho.quoted(ref))")
                }
                mcps[entry.name] = toolset
            }
        }
        return mcps
    }
}
