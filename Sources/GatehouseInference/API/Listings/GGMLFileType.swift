import GatehouseCore

/// llama.cpp's `llama_ftype` numbers (GGUF `general.file_type`) and the quantization names
/// Ollama shows for them (`quantization_level`).
package enum GGMLFileType {
    /// Number → name, as in llama.h (4–6 and 33–35 were removed upstream).
    package static let names: [Int: String] = [
        0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K", 11: "Q3_K_S",
        12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K",
        19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS", 23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL",
        26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S", 29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16", 36: "TQ1_0",
        37: "TQ2_0", 38: "MXFP4_MOE", 39: "NVFP4", 40: "Q1_0",
    ]

    /// The name for `fileType`, nil when unknown.
    package static func name(of fileType: Int) -> String? { names[fileType & ~1024] }

    /// The quantization name for `fileType`; `"unknown"` for numbers not in the table or nil.
    package static func quantization(_ fileType: Int?) -> String {
        guard let fileType else { return "unknown" }
        return names[fileType & ~1024] ?? "unknown"
    }

    /// A parameter count the way model cards say it: three significant digits at most, trailing
    /// zeros dropped (`134_515_008` → "135M", `1_711_376_384` → "1.7B", `7_000_000_000` → "7B").
    package static func parameterSize(_ count: Int64) -> String {
        guard count >= 1000 else { return String(max(0, count)) }
        let units: [(Double, String)] = [(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")]
        var index = units.firstIndex { Double(count) >= $0.0 } ?? units.count - 1
        var value = Double(count) / units[index].0
        // Rounding may reach 1000 of a unit: move to the next one up.
        if value.rounded() >= 1000, index > 0 {
            index -= 1
            value = Double(count) / units[index].0
        }
        let rounded = value < 10 ? (value * 10).rounded() / 10 : value.rounded()
        let text =
            rounded == rounded.rounded(.towardZero)
            ? String(Int64(rounded)) : String(Int64(rounded)) + "." + String(Int64((rounded * 10).rounded()) % 10)
        return text + units[index].1
    }
}
