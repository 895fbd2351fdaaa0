package org.movierec.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/ARCHITECTURE.md, checked on core's compiled classes: no package cycle,
 * and no arrow up the layers (util and math at the bottom, then data, feature, model, then the
 * algorithms, recommender, splits and evaluation on top). Each rule fails with the offending
 * class and dependency.
 */
class ArchitectureTest {
    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.movierec");
    }

    @Test
    void noPackageCycles() {
        slices().matching("org.movierec.(**)").should().beFreeOfCycles().check(core);
    }

    @Test
    void utilAndMathDependOnNoOtherMovierecPackage() {
        noClasses().that().resideInAnyPackage("org.movierec.util..", "org.movierec.math..")
                .should().dependOnClassesThat().resideInAnyPackage("org.movierec.data..", "org.movierec.model..",
                        "org.movierec.algo..", "org.movierec.feature..", "org.movierec.rec..",
                        "org.movierec.split..", "org.movierec.eval..")
                .check(core);
    }

    @Test
    void dataKnowsNeitherModelsNorAlgorithms() {
        noClasses().that().resideInAPackage("org.movierec.data..")
                .should().dependOnClassesThat().resideInAnyPackage("org.movierec.model..", "org.movierec.algo..",
                        "org.movierec.feature..", "org.movierec.rec..", "org.movierec.split..",
                        "org.movierec.eval..")
                .check(core);
    }

    @Test
    void modelNamesNoAlgorithm() {
        noClasses().that().resideInAPackage("org.movierec.model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.movierec.algo..", "org.movierec.rec..",
                        "org.movierec.split..", "org.movierec.eval..")
                .check(core);
    }

    @Test
    void onlyTheAlgorithmsKnowTheAlgorithms() {
        // Everything else reaches an algorithm through AlgorithmRegistry, by name.
        noClasses().that().resideOutsideOfPackage("org.movierec.algo..")
                .should().dependOnClassesThat().resideInAPackage("org.movierec.algo..")
                .check(core);
    }

    @Test
    void featuresAndSplitsStayBelowTheModels() {
        noClasses().that().resideInAnyPackage("org.movierec.feature..", "org.movierec.split..")
                .should().dependOnClassesThat().resideInAnyPackage("org.movierec.model..", "org.movierec.algo..",
                        "org.movierec.rec..", "org.movierec.eval..")
                .check(core);
    }
}
