{#-
    One row per finding of the HAL data check: HAL-09 against the status
    sheet (int_hal__expected_runs), HAL-X7's extra checks, and the per-run
    findings of HAL-01, HAL-04, HAL-05 and HAL-X2.

    missing            (HAL-09) a checked sheet row whose (benchmark,
                       scaffold, model) no run has; one row per sheet row
    extra              (HAL-09) a run whose key no checked sheet row has;
                       one row per run (duplicates listed once per run)
    repeated_cell      (HAL-X7) a cell with more than one run
    naming_collision   (HAL-X7) a cell whose runs have different raw
                       agent_name values (listed in detail)
    zero_cost, null_cost, null_accuracy, no_latencies  (HAL-X7) per run
    no_accuracy_key    (HAL-01), scaffold_unparsed (HAL-04 step 5, HAL-Q7),
    no_model (HAL-05), accuracy_mismatch (HAL-X2)  per run

    The dataset is every run but those HAL-07 excludes (null models are
    kept, as HAL-07 says); the per-run HAL-01/04/05 findings cover every
    run.
-#}

with

runs_unified as (
    select
        run_id,
        config_key,
        benchmark_name,
        agent_name,
        scaffold,
        model,
        exclusion_reason,
        accuracy,
        total_cost_usd,
        n_latencies,
        has_no_accuracy_key,
        is_scaffold_unparsed,
        has_no_model
    from {{ ref('int_hal__runs_unified') }}
),

expected_runs as (
    select
        sheet_row,
        config_key,
        benchmark_name,
        scaffold,
        model,
        agent_raw,
        model_raw
    from {{ ref('int_hal__expected_runs') }}
    where not is_excluded_model
),

run_intervals as (
    select
        run_id,
        p_listed as observed_accuracy,
        has_accuracy_mismatch as is_accuracy_mismatch
    from {{ ref('int_hal__run_accuracy_intervals') }}
),

dataset_runs as (
    select *
    from runs_unified
    where coalesce(exclusion_reason, '') != 'excluded_model'
),

cells as (
    select
        benchmark_name,
        scaffold,
        model,
        any_value(config_key) as config_key,
        count(*) as n_runs,
        count(distinct agent_name) as n_agent_names,
        string_agg(distinct agent_name, ' | ' order by agent_name)
            as agent_names
    from dataset_runs
    where scaffold is not null and model is not null
    group by benchmark_name, scaffold, model
),

missing as (
    select
        'missing' as check_name,
        'HAL-09' as rule_id,
        expected_runs.benchmark_name,
        expected_runs.scaffold,
        expected_runs.model,
        expected_runs.config_key,
        cast(null as varchar) as run_id,
        expected_runs.sheet_row,
        cast(null as bigint) as n_runs,
        'sheet row ' || expected_runs.agent_raw || ' / '
        || expected_runs.model_raw || ' has no run' as detail
    from expected_runs
    left join cells
        on
            expected_runs.benchmark_name = cells.benchmark_name
            and expected_runs.scaffold = cells.scaffold
            and expected_runs.model = cells.model
    where cells.benchmark_name is null
),

extra as (
    select
        'extra' as check_name,
        'HAL-09' as rule_id,
        dataset_runs.benchmark_name,
        dataset_runs.scaffold,
        dataset_runs.model,
        dataset_runs.config_key,
        dataset_runs.run_id,
        cast(null as bigint) as sheet_row,
        cast(null as bigint) as n_runs,
        'run without a status-sheet row' as detail
    from dataset_runs
    where not exists (
        select 1
        from expected_runs
        where
            expected_runs.benchmark_name = dataset_runs.benchmark_name
            and expected_runs.scaffold = dataset_runs.scaffold
            and expected_runs.model = dataset_runs.model
    )
),

cell_findings as (
    select
        'repeated_cell' as check_name,
        'HAL-X7' as rule_id,
        benchmark_name,
        scaffold,
        model,
        config_key,
        cast(null as varchar) as run_id,
        cast(null as bigint) as sheet_row,
        n_runs,
        cast(n_runs as varchar) || ' runs in one cell' as detail
    from cells
    where n_runs > 1
    union all
    select
        'naming_collision' as check_name,
        'HAL-X7' as rule_id,
        benchmark_name,
        scaffold,
        model,
        config_key,
        cast(null as varchar) as run_id,
        cast(null as bigint) as sheet_row,
        n_runs,
        'agent names: ' || agent_names as detail
    from cells
    where n_agent_names > 1
),

-- one boolean per per-run check; the X7 checks cover the dataset only
run_checks as (
    select
        runs_unified.run_id,
        runs_unified.benchmark_name,
        runs_unified.scaffold,
        runs_unified.model,
        runs_unified.config_key,
        runs_unified.accuracy,
        run_intervals.observed_accuracy,
        coalesce(runs_unified.exclusion_reason, '') != 'excluded_model'
        and coalesce(runs_unified.total_cost_usd = 0, false) as is_zero_cost,
        coalesce(runs_unified.exclusion_reason, '') != 'excluded_model'
        and runs_unified.total_cost_usd is null as is_null_cost,
        coalesce(runs_unified.exclusion_reason, '') != 'excluded_model'
        and runs_unified.accuracy is null as is_null_accuracy,
        coalesce(runs_unified.exclusion_reason, '') != 'excluded_model'
        and coalesce(runs_unified.n_latencies, 0) = 0 as has_no_latencies,
        coalesce(runs_unified.has_no_accuracy_key, false)
            as has_no_accuracy_key,
        coalesce(runs_unified.is_scaffold_unparsed, false)
            as is_scaffold_unparsed,
        coalesce(runs_unified.has_no_model, false) as has_no_model,
        coalesce(run_intervals.is_accuracy_mismatch, false)
            as is_accuracy_mismatch
    from runs_unified
    left join run_intervals
        on runs_unified.run_id = run_intervals.run_id
),

check_definitions as (
    select
        check_values.check_name,
        check_values.rule_id,
        check_values.detail
    from (
        values
        ('zero_cost', 'HAL-X7', 'total_cost 0'),
        ('null_cost', 'HAL-X7', 'no total_cost'),
        ('null_accuracy', 'HAL-X7', 'no accuracy'),
        ('no_latencies', 'HAL-X7', 'no latency entries'),
        ('no_accuracy_key', 'HAL-01', 'no hal_accuracy_keys key in results'),
        (
            'scaffold_unparsed',
            'HAL-04',
            'no scaffold rule matched the agent name'
        ),
        ('no_model', 'HAL-05', 'agent_args names no model'),
        ('accuracy_mismatch', 'HAL-X2', 'outcome lists disagree with accuracy')
    ) as check_values (check_name, rule_id, detail)
),

run_findings as (
    select
        check_definitions.check_name,
        check_definitions.rule_id,
        run_checks.benchmark_name,
        run_checks.scaffold,
        run_checks.model,
        run_checks.config_key,
        run_checks.run_id,
        cast(null as bigint) as sheet_row,
        cast(null as bigint) as n_runs,
        case
            when check_definitions.check_name = 'accuracy_mismatch'
                then
                    'outcome lists give '
                    || cast(run_checks.observed_accuracy as varchar)
                    || ', accuracy is '
                    || cast(run_checks.accuracy as varchar)
            else check_definitions.detail
        end as detail
    from run_checks
    inner join check_definitions
        on case check_definitions.check_name
            when 'zero_cost' then run_checks.is_zero_cost
            when 'null_cost' then run_checks.is_null_cost
            when 'null_accuracy' then run_checks.is_null_accuracy
            when 'no_latencies' then run_checks.has_no_latencies
            when 'no_accuracy_key' then run_checks.has_no_accuracy_key
            when 'scaffold_unparsed' then run_checks.is_scaffold_unparsed
            when 'no_model' then run_checks.has_no_model
            when 'accuracy_mismatch' then run_checks.is_accuracy_mismatch
            else false
        end
),

findings_unioned as (
    select * from missing
    union all
    select * from extra
    union all
    select * from cell_findings
    union all
    select * from run_findings
),

final as (
    select
        -- ids
        {{ surrogate_key([
            'check_name', 'benchmark_name', 'scaffold', 'model', 'run_id',
            'sheet_row'
        ]) }} as status_check_id,
        run_id,
        config_key,
        sheet_row,
        -- strings
        check_name,
        rule_id,
        benchmark_name,
        scaffold,
        model,
        detail,
        -- numbers
        n_runs
    from findings_unioned
)

select * from final
