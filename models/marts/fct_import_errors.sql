{#-
    ISO-08: the missing modules of ISO-Bench import errors, parsed from the
    error document (TEST_IMPORT_ERROR) or stderr (BASELINE_IMPORT_ERROR),
    with affected runs, the note and native flag of isobench_module_notes,
    and the rank ISO-13 section 4 and ISO-14 use (count desc, module asc).
-#}

with

attempts_categorized as (
    select
        attempt_key,
        outcome_category,
        missing_module
    from {{ ref('int_isobench__attempts_categorized') }}
    where missing_module is not null
),

module_notes as (
    select
        module,
        note,
        is_native
    from {{ ref('isobench_module_notes') }}
),

modules_counted as (
    select
        missing_module as module,
        count(*) as n_runs,
        count(
            case when outcome_category = 'TEST_IMPORT_ERROR' then 1 end
        ) as n_test_import_errors,
        count(
            case when outcome_category = 'BASELINE_IMPORT_ERROR' then 1 end
        ) as n_baseline_import_errors
    from attempts_categorized
    group by missing_module
),

final as (
    select
        -- ids
        modules_counted.module,
        -- strings
        module_notes.note,
        -- numbers
        cast(
            row_number() over (
                order by
                    modules_counted.n_runs desc,
                    modules_counted.module asc
            ) as bigint
        ) as module_rank,
        cast(modules_counted.n_runs as bigint) as n_runs,
        cast(modules_counted.n_test_import_errors as bigint)
            as n_test_import_errors,
        cast(modules_counted.n_baseline_import_errors as bigint)
            as n_baseline_import_errors,
        -- booleans: a module without a note row is not known to be native
        coalesce(module_notes.is_native, false) as is_native
    from modules_counted
    left join module_notes
        on modules_counted.module = module_notes.module
)

select * from final
