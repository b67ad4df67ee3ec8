/// A bar chart drawn on the server as SVG: no script, no images fetched, readable at any
/// width (the SVG scales to its container). Labels are escaped; the numbers are ours.
struct ConsoleChart {
    /// One bar: its label (an hour, a name) and value.
    struct Bar {
        let label: String
        let value: Double
    }

    let title: String
    let bars: [Bar]
    /// How a value is written on the chart (`12`, `3.40`).
    var format: (Double) -> String = { String(Int($0.rounded())) }
    /// The bar colour, a CSS colour name or hex value of ours.
    var colour = "#3b6fb6"

    /// The SVG markup.
    var svg: String {
        let width = 600.0
        let height = 180.0
        let top = 26.0
        let bottom = 24.0
        let plot = height - top - bottom
        let peak = max(bars.map(\.value).max() ?? 0, 1)
        let step = bars.isEmpty ? width : width / Double(bars.count)
        var out =
            ##"<svg class="chart" viewBox="0 0 \##(Int(width)) \##(Int(height))" role="img" "##
            + ##"aria-label="\##(Self.escape(title))" xmlns="http://www.w3.org/2000/svg">"##
        out += "<title>\(Self.escape(title))</title>"
        out +=
            ##"<line x1="0" y1="\##(top + plot)" x2="\##(width)" y2="\##(top + plot)" stroke="rgb(153,153,153)" stroke-width="1"/>"##
        out += ##"<text x="0" y="20" font-size="20" fill="rgb(85,85,85)">max \##(Self.escape(format(peak)))</text>"##
        let labelEvery = max(1, bars.count / 6)
        for (index, bar) in bars.enumerated() {
            let barHeight = plot * bar.value / peak
            let x = Double(index) * step + step * 0.1
            let y = top + plot - barHeight
            out +=
                ##"<rect x="\##(Self.number(x))" y="\##(Self.number(y))" width="\##(Self.number(step * 0.8))" "##
                + ##"height="\##(Self.number(barHeight))" fill="\##(colour)">"##
                + "<title>\(Self.escape(bar.label)): \(Self.escape(format(bar.value)))</title></rect>"
            if index % labelEvery == 0 {
                out +=
                    ##"<text x="\##(Self.number(x))" y="\##(Int(height - 6))" font-size="18" fill="rgb(85,85,85)">"##
                    + "\(Self.escape(bar.label))</text>"
            }
        }
        return out + "</svg>"
    }

    static func number(_ value: Double) -> String { String(Int(value.rounded())) }

    /// Text made safe inside SVG/HTML markup.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
