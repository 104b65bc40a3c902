package cn.loopgate.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;

import java.util.List;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of docs/architecture.md, checked on the compiled main classes: the feature
 * packages (each top-level package under {@code cn.loopgate}, sub-packages included) form no cycle,
 * and {@code shared} depends on no feature.
 *
 * <p>Rules are checked from {@code @ArchTest} methods, not fields: Surefire 3.5.3 silently skips
 * {@code @ArchTest} fields (TNG/ArchUnit#1442), which would make this test pass without checking.
 */
@AnalyzeClasses(packages = "cn.loopgate", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * KNOWN EDGES, TO BE REMOVED: the user-management classes still inside {@code identity} depend on
     * features that depend on identity's kernel (AccessPolicy, Caller, Role, FirmScope). The onboarding
     * branch splits identity into its kernel and a user-management package, which removes exactly these
     * origin → target class pairs; then delete this list (the rule itself stays as it is). Nothing else is
     * exempt: a new edge, even between the same packages, fails the test.
     */
    static final List<String[]> KNOWN_IDENTITY_EDGES_REMOVED_BY_ONBOARDING = List.of(
            new String[]{"cn.loopgate.identity.UserService", "cn.loopgate.audit.AuditService"},
            new String[]{"cn.loopgate.identity.UserService", "cn.loopgate.firm.Firm"},
            new String[]{"cn.loopgate.identity.UserService", "cn.loopgate.park.Park"},
            new String[]{"cn.loopgate.identity.UserDirectory", "cn.loopgate.firm.Firm"},
            new String[]{"cn.loopgate.identity.UsersView", "cn.loopgate.firm.Firm"},
            new String[]{"cn.loopgate.identity.UsersView", "cn.loopgate.firm.FirmService"},
            new String[]{"cn.loopgate.identity.UsersView", "cn.loopgate.park.Park"},
            new String[]{"cn.loopgate.identity.UsersView", "cn.loopgate.park.ParkService"},
            new String[]{"cn.loopgate.identity.MeView", "cn.loopgate.notification.NotificationService"});

    static final ArchRule FEATURES_FORM_NO_CYCLE = withKnownEdges(slices().matching("cn.loopgate.(*)..").namingSlices("$1")
            .should().beFreeOfCycles());

    static final ArchRule SHARED_KNOWS_NO_FEATURE = classes().that().resideInAPackage("cn.loopgate.shared..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("cn.loopgate..").or(resideInAPackage("cn.loopgate.shared..")));

    private static SliceRule withKnownEdges(SliceRule rule) {
        SliceRule r = rule;
        for (String[] edge : KNOWN_IDENTITY_EDGES_REMOVED_BY_ONBOARDING) {
            r = r.ignoreDependency(topLevelClassNamed(edge[0]), topLevelClassNamed(edge[1]));
        }
        return r;
    }

    /** The class itself or one of its nested classes (records, lambdas' enclosing types). */
    private static DescribedPredicate<JavaClass> topLevelClassNamed(String name) {
        return DescribedPredicate.describe(name, c -> c.getName().equals(name) || c.getName().startsWith(name + "$"));
    }

    @ArchTest
    void featuresFormNoCycle(JavaClasses classes) {
        FEATURES_FORM_NO_CYCLE.check(classes);
    }

    @ArchTest
    void sharedKnowsNoFeature(JavaClasses classes) {
        SHARED_KNOWS_NO_FEATURE.check(classes);
    }
}
