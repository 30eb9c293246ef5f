/// The public declarations that the runtime parts a module carries add to
/// it (``RuntimePart``): the `Jobs` part's `JobPolling`, and the cases it
/// adds to the client's error enum. The runtime's core is the same in every
/// module and is left out.
///
/// They are read from the embedded runtime itself: the embedder marks
/// each declaration's access modifier (``RuntimePiece/accessModifier``), and
/// the enum cases a part adds are the `case` lines of its blocks in an enum.
extension SurfaceBuilder {
    mutating func addRuntimeParts(_ parts: Set<RuntimePart>) {
        guard !parts.isEmpty else { return }
        for file in RuntimeSources.embedded {
            if let part = file.part, !parts.contains(part) { continue }
            addRuntimeDeclarations(of: file, carrying: parts)
        }
    }

    /// A runtime line: its text (access modifier marked), and the part whose block it is in, if any.
    private struct RuntimeLine {
        var text: String
        var part: RuntimePart?
    }

    /// Marks where a declaration's access modifier goes, in text a module never holds.
    private static let modifierMark = "\u{1}"

    private func runtimeLines(of file: RuntimeFile, carrying parts: Set<RuntimePart>) -> [RuntimeLine] {
        var result: [RuntimeLine] = []
        for segment in file.segments {
            if let part = segment.part, !parts.contains(part) { continue }
            var text = ""
            for piece in segment.pieces {
                switch piece {
                case .text(let value): text += value
                case .clientName: text += options.clientName
                case .errorName: text += options.errorName
                case .accessModifier: text += Self.modifierMark
                }
            }
            let part = segment.part ?? file.part
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                result.append(RuntimeLine(text: String(line), part: part))
            }
        }
        return result
    }

    private mutating func addRuntimeDeclarations(of file: RuntimeFile, carrying parts: Set<RuntimePart>) {
        let lines = runtimeLines(of: file, carrying: parts)
        // The types the lines are in, by indentation: (indentation, qualified name, is an enum).
        var containers: [(indent: Int, name: String, isEnum: Bool)] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            let indent = line.text.prefix { $0 == " " }.count
            let trimmed = line.text.drop { $0 == " " }
            guard !trimmed.isEmpty, !trimmed.hasPrefix("//"), !trimmed.hasPrefix("@") else { continue }
            while let last = containers.last, last.indent >= indent { containers.removeLast() }
            let container = containers.last
            if let declared = Self.declaredType(trimmed) {
                let name = container.map { $0.name + "." + declared.name } ?? declared.name
                containers.append((indent, name, declared.isEnum))
            }
            guard let part = line.part else { continue }
            if let mark = trimmed.firstRange(of: Self.modifierMark) {
                // A header wrapped over several lines is one declaration.
                var signature = access + trimmed[mark.upperBound...]
                func isOpen(_ text: String) -> Bool {
                    text.hasSuffix(",") || text.count(where: { $0 == "(" }) > text.count(where: { $0 == ")" })
                }
                while isOpen(signature), index < lines.count {
                    let next = lines[index].text.drop { $0 == " " }
                    signature += (signature.hasSuffix("(") || next.hasPrefix(")") ? "" : " ") + next
                    index += 1
                }
                if signature.hasSuffix(" {") { signature.removeLast(2) }
                // A constant's value is not part of its declaration.
                let isProperty = signature.contains(" let ") || signature.contains(" var ")
                if isProperty, !signature.contains(" func "), !signature.contains(" init("),
                    let value = signature.firstRange(of: " = ")
                {
                    signature = String(signature[..<value.lowerBound])
                }
                add(runtimeDeclaration(part, container: container?.name, signature: signature, kind: .runtime))
            } else if let container, container.isEnum, trimmed.hasPrefix("case "),
                let first = trimmed.dropFirst(5).first, first.isLetter || first == "`",
                !trimmed.hasPrefix("case let "), !trimmed.hasPrefix("case var ")
            {
                add(runtimeDeclaration(part, container: container.name, signature: String(trimmed), kind: .enumCase))
            }
        }
    }

    private func runtimeDeclaration(
        _ part: RuntimePart, container: String?, signature: String, kind: SurfaceDeclaration.Kind
    ) -> SurfaceDeclaration {
        let place = container.map { " in " + $0 } ?? ""
        return SurfaceDeclaration(
            key: "runtime(\(part.rawValue))\(place): \(signature)", kind: kind, container: container,
            signature: signature, runtimePart: part)
    }

    /// The type a line declares (`struct JobPolling`, `extension IdeogramError`), if it declares one.
    private static func declaredType(_ line: Substring) -> (name: String, isEnum: Bool)? {
        let words = line.replacing(modifierMark, with: " ").split(separator: " ")
        for (index, word) in words.enumerated() where index + 1 < words.count {
            guard ["struct", "enum", "extension", "class", "actor", "protocol"].contains(word) else { continue }
            let name = words[index + 1].prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }
            return name.isEmpty ? nil : (String(name), word == "enum")
        }
        return nil
    }
}
