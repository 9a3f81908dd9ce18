/// A long per-step curve cut down to at most about `maximum` evenly spaced points (the last
/// always kept), as (step numbers counted from 1, values): 100,000 points add nothing to a
/// 1200-pixel plot but time and file size.
public func thinned(_ values: [Double], maximum: Int = 2_000) -> ([Double], [Double]) {
    let stride = max(values.count / max(maximum, 1), 1)
    var indices = Array(Swift.stride(from: 0, to: values.count, by: stride))
    if let last = indices.last, last != values.count - 1 { indices.append(values.count - 1) }
    return (indices.map { Double($0 + 1) }, indices.map { values[$0] })
}
