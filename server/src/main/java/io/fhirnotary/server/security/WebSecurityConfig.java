package io.fhirnotary.server.security;

import io.fhirnotary.server.config.FhirNotaryProperties;
import io.fhirnotary.server.config.ServerMode;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who gets past the front door. Protected mode: every request needs a valid bearer JWT except the
 * public discovery and operations endpoints; plain mode: HAPI as it comes, no authentication.
 * Stateless either way: no sessions, no cookies, so no CSRF surface.
 *
 * <p>The JWT decoder is Spring Boot's, built from {@code spring.security.oauth2.resourceserver.jwt.*}
 * (keys from {@code jwk-set-uri}, {@code iss} checked against {@code issuer-uri} when set), plus our
 * audience check; the dev profile supplies its own issuer instead.
 */
@Configuration
@EnableWebSecurity
public class WebSecurityConfig {

	/** Reachable without a token in protected mode. {@code /oauth/**} exists only in the dev profile. */
	static final String[] PUBLIC_GET_PATHS = {
		"/fhir/metadata", "/fhir/.well-known/smart-configuration",
		"/actuator/health", "/actuator/health/**", "/actuator/info", "/actuator/prometheus"
	};

	@Bean
	SecurityFilterChain securityFilterChain(
			HttpSecurity http,
			FhirNotaryProperties properties,
			ObjectProvider<JwtDecoder> jwtDecoders,
			AudienceValidator audience,
			@Value("${fhirnotary.security.token-cache-max-age:PT5M}") Duration tokenCacheMaxAge)
			throws Exception {
		http.csrf(AbstractHttpConfigurer::disable)
				.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
				.requestCache(AbstractHttpConfigurer::disable)
				.formLogin(AbstractHttpConfigurer::disable)
				.httpBasic(AbstractHttpConfigurer::disable)
				.logout(AbstractHttpConfigurer::disable);
		if (properties.mode() == ServerMode.PLAIN) {
			return http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll()).build();
		}
		JwtDecoder decoder = jwtDecoders.getIfAvailable();
		if (decoder == null) {
			throw new IllegalStateException("Protected mode needs a token issuer: set "
					+ "spring.security.oauth2.resourceserver.jwt.jwk-set-uri (and/or issuer-uri), "
					+ "run with the dev profile, or set fhirnotary.mode=plain");
		}
		SecurityErrorResponses errors = new SecurityErrorResponses();
		http.authorizeHttpRequests(requests -> requests
						.requestMatchers(HttpMethod.GET, PUBLIC_GET_PATHS).permitAll()
						.requestMatchers("/oauth/**").permitAll()
						// Boot's error page: an unknown path must answer 404, not a login challenge.
						.requestMatchers("/error").permitAll()
						.anyRequest().authenticated())
				.oauth2ResourceServer(resourceServer -> resourceServer
						.jwt(jwt -> jwt.decoder(verifiedOnce(decoder, audience, tokenCacheMaxAge)))
						.authenticationEntryPoint(errors)
						.accessDeniedHandler(errors))
				.exceptionHandling(handling -> handling.authenticationEntryPoint(errors).accessDeniedHandler(errors));
		return http.build();
	}

	/**
	 * Boot's (or the dev profile's) decoder, remembering the tokens it accepted for up to
	 * {@code maxAge} ({@link VerifiedTokenCache}); zero turns the memory off.
	 */
	private static JwtDecoder verifiedOnce(JwtDecoder decoder, AudienceValidator audience, Duration maxAge) {
		if (maxAge.isZero() || maxAge.isNegative()) {
			return decoder;
		}
		return new VerifiedTokenCache(decoder, audience::expectedAudience, maxAge, Clock.systemUTC());
	}

	/**
	 * Keeps Spring Security from wrapping each of its filters, and each request's authentication and
	 * authorization, in Micrometer observations. With the actuator present it does so on every
	 * request: in a JFR profile of the pharmacy pull those wrappers took about 5% of a request
	 * thread, more than our token check and scope check together. Nothing here reads them (no
	 * tracing backend; the {@code spring.security.*} timers are not on any dashboard we document);
	 * the request timers ({@code http.server.requests}) are Spring MVC's and stay.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** Picked up by Boot's JWT decoder as an additional validator (and by the dev decoder). */
	@Bean
	AudienceValidator audienceValidator(SecurityProperties securityProperties) {
		return new AudienceValidator(securityProperties, WebSecurityConfig::currentRequest);
	}

	@Bean
	CurrentCaller currentCaller(SecurityProperties securityProperties) {
		return new SecurityContextCurrentCaller(securityProperties.trustedClients());
	}

	@Bean
	ServletRegistrationBean<SmartConfigurationServlet> smartConfiguration(SecurityProperties securityProperties) {
		ServletRegistrationBean<SmartConfigurationServlet> registration = new ServletRegistrationBean<>(
				new SmartConfigurationServlet(securityProperties), "/fhir/.well-known/smart-configuration");
		registration.setName("smartConfiguration");
		return registration;
	}

	private static HttpServletRequest currentRequest() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getRequest()
				: null;
	}
}
