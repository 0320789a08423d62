package io.fhirnotary.server.validation;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.validation.IValidationContext;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.exceptions.FHIRException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.r5.elementmodel.Manager.FhirFormat;
import org.hl7.fhir.r5.fhirpath.IHostApplicationServices;
import org.hl7.fhir.r5.model.StructureDefinition;
import org.hl7.fhir.r5.utils.validation.ValidatorSession;
import org.hl7.fhir.r5.utils.validation.constants.IdStatus;
import org.hl7.fhir.r5.utils.xver.XVerExtensionManagerOld;
import org.hl7.fhir.utilities.i18n.I18nConstants;
import org.hl7.fhir.utilities.validation.ValidationMessage;
import org.hl7.fhir.validation.ValidatorSettings;
import org.hl7.fhir.validation.instance.InstanceValidator;

/**
 * HAPI's instance validator, reusing {@link InstanceValidator}s from a pool instead of building a
 * new one per validated resource.
 *
 * <p>Why: HAPI 8.8.0 builds a fresh {@code InstanceValidator} for every call, and its constructor
 * re-reads the OID registry (a CSV of thousands of lines) and builds new profile utilities. In a
 * JFR profile of protected-mode ingest (Synthea corpus) that construction was 18% of all CPU, more
 * than three times the validation itself. The validator clears its per-validation state at its
 * main entry point (that is how the validator CLI checks many files with one instance), so a
 * validator used by one validation at a time reports the same messages. A pool shared by all
 * threads (rather than one per thread) builds only as many as validate at once, not one for each
 * of Tomcat's request threads.
 *
 * <p>The settings applied once per validator are the ones HAPI applies per call; the messages are
 * post-processed the way HAPI does it (profile fetch failures, suppressed terminology notices,
 * level of unknown-profile messages). {@code ReusedInstanceValidatorTests} checks the messages
 * against HAPI's own validator on valid and invalid resources. Anything other than a resource
 * object encoded as JSON goes to HAPI's path unchanged. A validator is retired after
 * {@link #USES_BEFORE_REBUILD} validations and after {@link #invalidateCaches()}, so lookups it
 * cached can neither grow without bound nor outlive a terminology change.
 */
final class ReusedInstanceValidator extends FhirInstanceValidator {

	static final int USES_BEFORE_REBUILD = 1_000;

	/** A pooled validator, the cache generation it was built in, and how often it was used. */
	private static final class Pooled {
		final InstanceValidator validator;
		final long generation;
		int uses;

		Pooled(InstanceValidator validator, long generation) {
			this.validator = validator;
			this.generation = generation;
		}
	}

	private final Deque<Pooled> idle = new ConcurrentLinkedDeque<>();
	/**
	 * Declared profiles by URL, known or not: EHR bundles declare the same (mostly unknown) US Core
	 * profiles on every resource, and each lookup walks the validation support chain. Cleared with
	 * the other caches; bounded, since the URLs come from clients.
	 */
	private final Cache<String, Optional<StructureDefinition>> profilesByUrl =
			Caffeine.newBuilder().maximumSize(1_000).build();
	private final AtomicLong cacheGeneration = new AtomicLong();

	ReusedInstanceValidator(IValidationSupport validationSupport) {
		super(validationSupport);
	}

	@Override
	public void invalidateCaches() {
		super.invalidateCaches();
		cacheGeneration.incrementAndGet();
		profilesByUrl.invalidateAll();
	}

	@Override
	protected List<ValidationMessage> validate(IValidationContext<?> context) {
		if (!(context.getResource() instanceof IBaseResource resource)
				|| context.getResourceAsStringEncoding() != EncodingEnum.JSON) {
			return super.validate(context);
		}
		Pooled pooled = borrow();
		try {
			pooled.uses++;
			return validateWith(pooled.validator, context, resource);
		} finally {
			giveBack(pooled);
		}
	}

	private List<ValidationMessage> validateWith(
			InstanceValidator validator, IValidationContext<?> context, IBaseResource resource) {
		IWorkerContext worker = provideWorkerContext();
		List<StructureDefinition> profiles = new ArrayList<>();
		List<ValidationMessage> unknownProfiles = new ArrayList<>();
		for (String url : profileUrls(context, resource)) {
			addProfile(worker, url, profiles, unknownProfiles);
		}
		List<ValidationMessage> messages = new ArrayList<>();
		byte[] json = context.getResourceAsString().getBytes(StandardCharsets.UTF_8);
		validator.validate(
				context.getOptions().getAppContext(), messages, new ByteArrayInputStream(json), FhirFormat.JSON, profiles);
		if (profiles.isEmpty()) {
			messages.addAll(unknownProfiles);
		}
		return postProcessed(messages);
	}

	/** The profiles the caller asked for, then those the resource declares, each once. */
	private static Set<String> profileUrls(IValidationContext<?> context, IBaseResource resource) {
		Set<String> urls = new LinkedHashSet<>(context.getOptions().getProfiles());
		if (resource.getMeta() != null) {
			for (IPrimitiveType<String> declared : resource.getMeta().getProfile()) {
				if (declared.getValue() != null) {
					urls.add(declared.getValue());
				}
			}
		}
		return urls;
	}

	private void addProfile(
			IWorkerContext worker, String url, List<StructureDefinition> found, List<ValidationMessage> unknown) {
		Optional<StructureDefinition> profile = profilesByUrl.getIfPresent(url);
		if (profile == null) {
			try {
				profile = Optional.ofNullable(worker.fetchResource(StructureDefinition.class, url));
			} catch (FHIRException unreadable) {
				return; // HAPI ignores a profile it cannot load, too (and it is not remembered)
			}
			profilesByUrl.put(url, profile);
		}
		if (profile.isPresent()) {
			found.add(profile.get());
			return;
		}
		ValidationMessage message = new ValidationMessage();
		message.setMessageId(I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN);
		message.setLevel(ValidationMessage.IssueSeverity.ERROR);
		message.setMessage("Invalid profile. Failed to retrieve profile with url=" + url);
		unknown.add(message);
	}

	/** Drops the notices HAPI drops and gives unknown-profile messages the configured level. */
	private List<ValidationMessage> postProcessed(List<ValidationMessage> messages) {
		List<ValidationMessage> kept = new ArrayList<>(messages.size());
		for (ValidationMessage message : messages) {
			String id = message.getMessageId();
			boolean noBindingSource = I18nConstants.TERMINOLOGY_TX_BINDING_NOSOURCE.equals(id);
			boolean mimeTypesMissing = I18nConstants.TERMINOLOGY_TX_VALUESET_NOTFOUND.equals(id)
					&& message.getMessage() != null
					&& message.getMessage().contains("http://hl7.org/fhir/ValueSet/mimetypes");
			if (id != null && (noBindingSource || mimeTypesMissing)) {
				continue;
			}
			if (I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN.equals(id)
					|| I18nConstants.VALIDATION_VAL_PROFILE_UNKNOWN_NOT_POLICY.equals(id)) {
				message.setLevel(isErrorForUnknownProfiles()
						? ValidationMessage.IssueSeverity.ERROR
						: ValidationMessage.IssueSeverity.WARNING);
			}
			kept.add(message);
		}
		return kept;
	}

	/** An idle validator of the current cache generation, or a new one. */
	private Pooled borrow() {
		long generation = cacheGeneration.get();
		for (Pooled pooled = idle.pollFirst(); pooled != null; pooled = idle.pollFirst()) {
			if (pooled.generation == generation && pooled.uses < USES_BEFORE_REBUILD) {
				return pooled;
			}
		}
		return new Pooled(newValidator(), generation);
	}

	private void giveBack(Pooled pooled) {
		if (pooled.generation == cacheGeneration.get() && pooled.uses < USES_BEFORE_REBUILD) {
			idle.offerFirst(pooled); // the most recently used first: its caches are the warmest
		}
	}

	/** A validator with the settings HAPI gives each of its own per call. */
	private InstanceValidator newValidator() {
		IWorkerContext worker = provideWorkerContext();
		IHostApplicationServices host =
				Objects.requireNonNullElseGet(getHostApplicationServices(), NullEvaluationContext::new);
		InstanceValidator validator = new InstanceValidator(
				worker, host, new XVerExtensionManagerOld(worker), new ValidatorSession(), new ValidatorSettings());
		validator.setAssumeValidRestReferences(isAssumeValidRestReferences());
		validator.setBestPracticeWarningLevel(getBestPracticeWarningLevel());
		validator.setAnyExtensionsAllowed(isAnyExtensionsAllowed());
		validator.setResourceIdRule(IdStatus.OPTIONAL);
		validator.setNoTerminologyChecks(isNoTerminologyChecks());
		validator.setErrorForUnknownProfiles(isErrorForUnknownProfiles());
		validator.setUnknownCodeSystemsCauseErrors(true);
		validator.getExtensionDomains().addAll(getExtensionDomains());
		validator.setFetcher(getValidatorResourceFetcher());
		validator.setPolicyAdvisor(getValidatorPolicyAdvisor());
		validator.setNoExtensibleWarnings(isNoExtensibleWarnings());
		validator.setNoBindingMsgSuppressed(isNoBindingMsgSuppressed());
		validator.setAllowExamples(isAllowExamples());
		validator.setAllowXsiLocation(true);
		return validator;
	}
}
