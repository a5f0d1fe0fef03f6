/// Writes SVG markup line by line: elements with attributes in the order given, text and
/// tooltips escaped for XML, two spaces of indentation per level.
///
/// The writer checks its own nesting (every `open` has its `close`), so a renderer bug
/// cannot produce a file a browser refuses.
struct SVGWriter {
    /// An attribute: name and unescaped value.
    typealias Attribute = (String, String)

    private var lines: [String] = []
    private var open: [String] = []

    /// Opens `<name ...>`; close it with ``close()``.
    mutating func open(_ name: String, _ attributes: [Attribute] = []) {
        lines.append(indent + "<" + name + Self.attributes(attributes) + ">")
        open.append(name)
    }

    /// Closes the innermost open element.
    mutating func close() {
        guard let name = open.popLast() else {
            preconditionFailure("The SVG writer closed an element it never opened.")
        }
        lines.append(indent + "</" + name + ">")
    }

    /// Writes one element: empty (`<rect .../>`), with text content, or with a `<title>`
    /// child that browsers show as a tooltip.
    mutating func element(_ name: String, _ attributes: [Attribute], text: String? = nil, tooltip: String? = nil) {
        let head = indent + "<" + name + Self.attributes(attributes)
        switch (text, tooltip) {
        case (nil, nil):
            lines.append(head + "/>")
        case (let text?, nil):
            lines.append(head + ">" + XMLText.escaped(text) + "</" + name + ">")
        case (nil, let tooltip?):
            lines.append(head + "><title>" + XMLText.escaped(tooltip) + "</title></" + name + ">")
        case (let text?, let tooltip?):
            lines.append(head + "><title>" + XMLText.escaped(tooltip) + "</title>" + XMLText.escaped(text) + "</" + name + ">")
        }
    }

    /// Writes markup as given (for the XML declaration and style sheets).
    mutating func raw(_ markup: String) {
        lines.append(markup)
    }

    /// The document: every line followed by a newline.
    ///
    /// - Precondition: every opened element was closed.
    var document: String {
        precondition(open.isEmpty, "The SVG writer left <\(open.joined(separator: "><"))> open.")
        return lines.joined(separator: "\n") + "\n"
    }

    private var indent: String { String(repeating: "  ", count: open.count) }

    private static func attributes(_ attributes: [Attribute]) -> String {
        attributes.map { " " + $0.0 + "=\"" + XMLText.escaped($0.1) + "\"" }.joined()
    }
}
