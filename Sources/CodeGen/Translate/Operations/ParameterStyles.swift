import SpecParser

/// The style and explode of each parameter, as OpenAPI 3.1.1 defines them
/// for its location and its value's shape; where the spec asks for one it
/// does not define, the nearest defined reading, with a located warning.
extension TranslationContext {
    /// The styles OpenAPI defines for each location; the first is the default.
    private static let definedStyles: [Parameter.Location: [ParameterModel.Style]] = [
        .path: [.simple, .label, .matrix], .query: [.form, .spaceDelimited, .pipeDelimited, .deepObject],
        .header: [.simple], .cookie: [.form],
    ]

    /// The style and explode a parameter is sent with: what the spec says
    /// where OpenAPI defines it for the value's shape; elsewhere the nearest
    /// defined reading, with a located warning that says which.
    func parameterStyle(_ parameter: Parameter, type: TypeUsage, operation: Operation) -> (ParameterModel.Style, Bool) {
        let name = "parameter '\(parameter.name)' of \(display(operation))"
        let defined = Self.definedStyles[parameter.location] ?? [.simple]
        var style = defined[0]
        if let written = parameter.style {
            if let known = ParameterModel.Style(rawValue: written), defined.contains(known) {
                style = known
            } else {
                diagnostics.warning(
                    "\(name) asks for the '\(written)' style, which OpenAPI does not define for "
                        + "\(parameter.location.rawValue) parameters; it is sent in the '\(style.rawValue)' style",
                    at: parameter.sourceLocation)
            }
        }
        var explode = parameter.explode ?? (style == .form)
        let shape = resolvedAlias(type)
        let isList: Bool = if case .array = shape { true } else { false }
        let isObject = !isList && !isScalar(type)
        switch style {
        case .spaceDelimited, .pipeDelimited:
            if !isList && !isObject {
                diagnostics.warning(
                    "\(name) asks for the '\(style.rawValue)' style, which OpenAPI defines only for arrays and "
                        + "objects; its single value is sent as 'name=value'",
                    at: parameter.sourceLocation)
                style = .form
            } else if explode {
                diagnostics.warning(
                    "\(name) asks for the '\(style.rawValue)' style exploded, which OpenAPI does not define; it is "
                        + "sent without exploding",
                    at: parameter.sourceLocation)
                explode = false
            }
        case .deepObject:
            if !isObject {
                diagnostics.warning(
                    "\(name) asks for the 'deepObject' style, which OpenAPI defines only for objects; it is sent as "
                        + "\(isList ? "'name[0]=value' pairs" : "'name=value'")",
                    at: parameter.sourceLocation)
            } else if parameter.explode == false {
                diagnostics.warning(
                    "\(name) asks for the 'deepObject' style without exploding, which OpenAPI does not define; it is "
                        + "sent exploded ('name[key]=value')",
                    at: parameter.sourceLocation)
            }
            explode = true
        case .form where parameter.location == .cookie && isList:
            if explode {
                diagnostics.warning(
                    "\(name) is a list in a cookie, exploded, which OpenAPI does not define (a cookie holds one "
                        + "value); it is sent as one cookie, 'name=a,b'",
                    at: parameter.sourceLocation)
            }
            explode = false
        default:
            break
        }
        if parameter.allowReserved && parameter.location != .query {
            diagnostics.warning(
                "\(name) sets 'allowReserved', which applies only to query parameters; it is ignored",
                at: parameter.sourceLocation)
        }
        return (style, explode)
    }
}
