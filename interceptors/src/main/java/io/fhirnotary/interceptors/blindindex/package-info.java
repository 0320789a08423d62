/**
 * Blind indexes (DESIGN §4 "Index values"): what the search index may hold in clear and how every
 * other value becomes a keyed HMAC, pure logic without Spring or HAPI server types.
 *
 * <ul>
 *   <li>{@link io.fhirnotary.interceptors.blindindex.IndexMac}: the keyed hash (HMAC-SHA-256 under
 *       the index key, never an encryption key); callers get MACs, never the key.</li>
 *   <li>{@link io.fhirnotary.interceptors.blindindex.Normaliser}: what counts as the same value
 *       (phone numbers without punctuation, e-mails in lower case, names without case or accents).</li>
 *   <li>{@link io.fhirnotary.interceptors.blindindex.BlindTokens}: the value encoding,
 *       {@code hmac:} + base64url(HMAC), idempotent on the query side.</li>
 *   <li>{@link io.fhirnotary.interceptors.blindindex.BlindIndexPolicy}: which search parameters stay
 *       clear, which are blinded and which are disabled;
 *       {@link io.fhirnotary.interceptors.blindindex.BlindTokenParameters} lists the string and date
 *       parameters replaced by exact blind tokens.</li>
 *   <li>{@link io.fhirnotary.interceptors.blindindex.SearchParameterRewriter}: rewrites the
 *       parameters of a search or match URL the same way, or refuses them
 *       ({@link io.fhirnotary.interceptors.blindindex.UnsupportedBlindSearchException}).</li>
 * </ul>
 *
 * <p>The index side (HAPI's search-parameter extractor) and the query side use the same
 * normaliser and the same MAC, so equality searches keep working while a database dump shows only
 * MACs. Nothing here logs values.
 */
package io.fhirnotary.interceptors.blindindex;
