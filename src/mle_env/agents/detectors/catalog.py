"""What the detectors know about scikit-learn (and imbalanced-learn, XGBoost, …) classes."""

from __future__ import annotations


def _s(text: str) -> frozenset[str]:
    return frozenset(text.split())


SCALERS = _s("StandardScaler MinMaxScaler RobustScaler MaxAbsScaler QuantileTransformer PowerTransformer")
SCALE_FUNCS = _s("scale minmax_scale robust_scale maxabs_scale quantile_transform power_transform zscore")
IMPUTERS = _s("SimpleImputer KNNImputer IterativeImputer")
SELECTORS = _s(
    "SelectKBest SelectPercentile SelectFpr SelectFdr SelectFwe GenericUnivariateSelect RFE RFECV "
    "SelectFromModel SequentialFeatureSelector VarianceThreshold"
)
DECOMP = _s(
    "PCA TruncatedSVD NMF FastICA KernelPCA IncrementalPCA SparsePCA FactorAnalysis LatentDirichletAllocation UMAP"
)
VECTORIZERS = _s("TfidfVectorizer CountVectorizer TfidfTransformer")
ENCODERS = _s("OneHotEncoder OrdinalEncoder LabelEncoder LabelBinarizer MultiLabelBinarizer DictVectorizer")
TARGET_ENCODERS = _s("TargetEncoder WOEEncoder CatBoostEncoder LeaveOneOutEncoder JamesSteinEncoder MEstimateEncoder")
RESAMPLERS = _s(
    "SMOTE ADASYN BorderlineSMOTE SVMSMOTE KMeansSMOTE SMOTENC SMOTEN SMOTETomek SMOTEENN "
    "RandomOverSampler RandomUnderSampler NearMiss TomekLinks EditedNearestNeighbours ClusterCentroids"
)
BINNERS = _s("KBinsDiscretizer")
CV_SPLITTERS = _s(
    "KFold StratifiedKFold GroupKFold StratifiedGroupKFold RepeatedKFold RepeatedStratifiedKFold "
    "ShuffleSplit StratifiedShuffleSplit TimeSeriesSplit LeaveOneOut LeavePOut GroupShuffleSplit "
    "LeaveOneGroupOut PredefinedSplit"
)
SEARCHES = _s("GridSearchCV RandomizedSearchCV HalvingGridSearchCV HalvingRandomSearchCV")
PIPELINES = _s("Pipeline make_pipeline")
COMPOSITES = _s("ColumnTransformer make_column_transformer FeatureUnion make_union")
CV_FUNCS = _s("cross_val_score cross_validate cross_val_predict learning_curve validation_curve permutation_test_score")
SPLIT_FUNCS = _s("train_test_split")

LINEAR = _s(
    "LogisticRegression LogisticRegressionCV LinearRegression Ridge RidgeCV RidgeClassifier RidgeClassifierCV "
    "Lasso LassoCV ElasticNet ElasticNetCV SGDClassifier SGDRegressor Perceptron PassiveAggressiveClassifier "
    "PassiveAggressiveRegressor HuberRegressor BayesianRidge Lars LassoLars QuantileRegressor PoissonRegressor "
    "TweedieRegressor GammaRegressor LinearSVC LinearSVR"
)
KNN = _s("KNeighborsClassifier KNeighborsRegressor RadiusNeighborsClassifier RadiusNeighborsRegressor NearestCentroid")
SVM = _s("SVC SVR NuSVC NuSVR LinearSVC LinearSVR OneClassSVM")
MLP = _s("MLPClassifier MLPRegressor")
CLUSTER = _s("KMeans MiniBatchKMeans DBSCAN AgglomerativeClustering SpectralClustering GaussianMixture")
TREES = _s("DecisionTreeClassifier DecisionTreeRegressor ExtraTreeClassifier ExtraTreeRegressor")
FORESTS = _s("RandomForestClassifier RandomForestRegressor ExtraTreesClassifier ExtraTreesRegressor")
BOOSTING = _s(
    "GradientBoostingClassifier GradientBoostingRegressor HistGradientBoostingClassifier "
    "HistGradientBoostingRegressor AdaBoostClassifier AdaBoostRegressor XGBClassifier XGBRegressor "
    "LGBMClassifier LGBMRegressor CatBoostClassifier CatBoostRegressor"
)
OTHER_MODELS = _s(
    "GaussianNB MultinomialNB BernoulliNB ComplementNB CategoricalNB LinearDiscriminantAnalysis "
    "QuadraticDiscriminantAnalysis GaussianProcessClassifier GaussianProcessRegressor KernelRidge "
    "DummyClassifier DummyRegressor BaggingClassifier BaggingRegressor VotingClassifier VotingRegressor "
    "StackingClassifier StackingRegressor IsolationForest"
)
TREE_BASED = TREES | FORESTS | BOOSTING | _s("IsolationForest BaggingClassifier BaggingRegressor")
MODELS = LINEAR | KNN | SVM | MLP | CLUSTER | TREE_BASED | OTHER_MODELS

# Distance- or gradient-based learners whose result depends on the features' ranges.
SCALE_SENSITIVE = KNN | SVM | MLP | _s("KMeans MiniBatchKMeans DBSCAN SpectralClustering KernelRidge PCA KernelPCA")
PENALISED_LINEAR = LINEAR - _s("LinearRegression LinearSVC LinearSVR")
# Models for which arbitrary integer codes of a nominal feature impose a false order/distance.
ORDER_SENSITIVE = LINEAR | KNN | SVM | MLP | _s("KernelRidge GaussianNB LinearDiscriminantAnalysis")

CLASSIFIER_EXTRA = _s(
    "LogisticRegression LogisticRegressionCV SVC NuSVC LinearSVC Perceptron RidgeClassifier RidgeClassifierCV "
    "GaussianNB MultinomialNB BernoulliNB ComplementNB CategoricalNB LinearDiscriminantAnalysis "
    "QuadraticDiscriminantAnalysis NearestCentroid"
)

LEAK_KINDS = {
    # kind → confidence that fitting it on rows later used for evaluation is the bug
    "resampler": 0.9,
    "selector": 0.88,
    "target_encoder": 0.88,
    "scaler": 0.8,
    "composite": 0.8,
    "imputer": 0.75,
    "decomp": 0.75,
    "binner": 0.65,
    "vectorizer": 0.65,
    "stat": 0.6,
}
SUPERVISED_KINDS = {"selector", "target_encoder", "resampler"}

CLASS_METRICS = _s(
    "accuracy_score balanced_accuracy_score f1_score precision_score recall_score roc_auc_score "
    "average_precision_score classification_report confusion_matrix matthews_corrcoef log_loss "
    "precision_recall_curve roc_curve fbeta_score cohen_kappa_score brier_score_loss "
    "precision_recall_fscore_support ConfusionMatrixDisplay"
)
REG_METRICS = _s(
    "mean_squared_error mean_absolute_error r2_score root_mean_squared_error median_absolute_error "
    "mean_absolute_percentage_error explained_variance_score max_error mean_squared_log_error"
)
METRICS = CLASS_METRICS | REG_METRICS
IMBALANCE_AWARE_METRICS = CLASS_METRICS - _s("accuracy_score")


def kind_of(cls: str | None) -> str | None:
    """The role a class plays: scaler, selector, model, pipeline, search, …; None if unknown."""
    if not cls:
        return None
    for kind, names in (
        ("scaler", SCALERS),
        ("imputer", IMPUTERS),
        ("selector", SELECTORS),
        ("decomp", DECOMP),
        ("vectorizer", VECTORIZERS),
        ("encoder", ENCODERS),
        ("target_encoder", TARGET_ENCODERS),
        ("resampler", RESAMPLERS),
        ("binner", BINNERS),
        ("cv_splitter", CV_SPLITTERS),
        ("search", SEARCHES),
        ("pipeline", PIPELINES),
        ("composite", COMPOSITES),
        ("model", MODELS),
    ):
        if cls in names:
            return kind
    if cls.endswith(("Classifier", "Regressor")):
        return "model"
    return None


def is_classifier(cls: str) -> bool:
    return cls.endswith("Classifier") or cls in CLASSIFIER_EXTRA


def is_regressor(cls: str) -> bool:
    return kind_of(cls) == "model" and not is_classifier(cls) and cls not in CLUSTER
