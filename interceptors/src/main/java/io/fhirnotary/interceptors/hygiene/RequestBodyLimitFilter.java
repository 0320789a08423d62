package io.fhirnotary.interceptors.hygiene;

import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses request bodies larger than a configured limit with 413 and an OperationOutcome.
 *
 * <p>A declared {@code Content-Length} over the limit is refused before a byte is read. A body
 * without a length (chunked) is counted as HAPI reads it; crossing the limit throws HAPI's
 * {@link PayloadTooLargeException}, which HAPI turns into the same 413 answer. Either way
 * nothing has been parsed or stored.
 */
public final class RequestBodyLimitFilter implements Filter {

	private final long maxBytes;

	public RequestBodyLimitFilter(long maxBytes) {
		if (maxBytes <= 0) {
			throw new IllegalArgumentException("maxBytes must be positive");
		}
		this.maxBytes = maxBytes;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest http = (HttpServletRequest) request;
		if (http.getContentLengthLong() > maxBytes) {
			refuse((HttpServletResponse) response);
			return;
		}
		chain.doFilter(new LimitedBodyRequest(http, maxBytes), response);
	}

	private void refuse(HttpServletResponse response) throws IOException {
		response.setStatus(413);
		response.setContentType("application/fhir+json");
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader("Connection", "close");
		response.getWriter().write(OperationOutcomes.errorJson("too-long", tooLargeMessage(maxBytes)));
	}

	static String tooLargeMessage(long maxBytes) {
		return "Request body exceeds the limit of " + maxBytes + " bytes";
	}

	private static final class LimitedBodyRequest extends HttpServletRequestWrapper {
		private final long maxBytes;
		private ServletInputStream limited;

		LimitedBodyRequest(HttpServletRequest request, long maxBytes) {
			super(request);
			this.maxBytes = maxBytes;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (limited == null) {
				limited = new CountingInputStream(super.getInputStream(), maxBytes);
			}
			return limited;
		}
	}

	private static final class CountingInputStream extends ServletInputStream {
		private final ServletInputStream delegate;
		private final long maxBytes;
		private long count;

		CountingInputStream(ServletInputStream delegate, long maxBytes) {
			this.delegate = delegate;
			this.maxBytes = maxBytes;
		}

		@Override
		public int read() throws IOException {
			int b = delegate.read();
			if (b >= 0) {
				add(1);
			}
			return b;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int n = delegate.read(buffer, offset, length);
			if (n > 0) {
				add(n);
			}
			return n;
		}

		private void add(int n) {
			count += n;
			if (count > maxBytes) {
				throw new PayloadTooLargeException(tooLargeMessage(maxBytes));
			}
		}

		@Override
		public boolean isFinished() {
			return delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			delegate.setReadListener(listener);
		}
	}
}
