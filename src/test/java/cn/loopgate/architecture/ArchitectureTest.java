package cn.loopgate.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

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

    static final ArchRule FEATURES_FORM_NO_CYCLE = slices().matching("cn.loopgate.(*)..").namingSlices("$1")
            .should().beFreeOfCycles();

    static final ArchRule SHARED_KNOWS_NO_FEATURE = classes().that().resideInAPackage("cn.loopgate.shared..")
            .should().onlyDependOnClassesThat(resideOutsideOfPackage("cn.loopgate..").or(resideInAPackage("cn.loopgate.shared..")));

    @ArchTest
    void featuresFormNoCycle(JavaClasses classes) {
        FEATURES_FORM_NO_CYCLE.check(classes);
    }

    @ArchTest
    void sharedKnowsNoFeature(JavaClasses classes) {
        SHARED_KNOWS_NO_FEATURE.check(classes);
    }
}
