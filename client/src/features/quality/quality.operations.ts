import { graphql } from '../../gql';

export const PossibleDuplicatesQuery = graphql(`
  query PossibleDuplicates($within: String, $filter: AidFilter, $first: Int, $after: String) {
    possibleDuplicates(within: $within, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          score
          reasons
          a {
            nik
            name
            birthDate
            region {
              code
              name
            }
          }
          b {
            nik
            name
            birthDate
            region {
              code
              name
            }
          }
        }
      }
    }
  }
`);

export const ReviewDuplicateMutation = graphql(`
  mutation ReviewDuplicate($nikA: String!, $nikB: String!, $verdict: DuplicateVerdict!, $note: String) {
    reviewDuplicatePair(nikA: $nikA, nikB: $nikB, verdict: $verdict, note: $note)
  }
`);

export const CivilRiskQuery = graphql(`
  query CivilRisk($level: RegionLevel!, $within: String, $filter: AidFilter) {
    civilRegistryRisk(level: $level, within: $within, filter: $filter) {
      region {
        code
        name
      }
      deceasedRecipients
      deceasedAmount
      movedRecipients
      movedAmount
      byProgram {
        program
        deceasedRecipients
        deceasedAmount
        movedRecipients
        movedAmount
      }
    }
  }
`);

export const UsulanQuery = graphql(`
  query UsulanPage($within: String, $filter: UsulanFilter, $first: Int, $after: String) {
    usulanSummary(level: REGENCY, within: $within) {
      region {
        code
        name
      }
      total
      diusulkan
      diverifikasi
      disetujui
      ditolak
      additions
      removals
    }
    usulanList(within: $within, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          batch
          kind
          status
          reasonLabel
          noKk
          headName
          note
          createdAt
          createdBy
          updatedAt
          region {
            code
            name
          }
        }
      }
    }
  }
`);

export const SetUsulanStatusMutation = graphql(`
  mutation SetUsulanStatus($ids: [ID!]!, $status: UsulanStatus!, $note: String) {
    setUsulanStatus(ids: $ids, status: $status, note: $note) {
      id
      status
      updatedAt
    }
  }
`);

export const PengaduanQuery = graphql(`
  query PengaduanPage($within: String, $filter: PengaduanFilter, $first: Int, $after: String) {
    pengaduanSummary(level: REGENCY, within: $within) {
      region {
        code
        name
      }
      total
      baru
      diproses
      selesai
      medianFirstResponseHours
      medianResolutionHours
    }
    pengaduanList(within: $within, filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          category
          channel
          status
          description
          noKk
          receivedAt
          firstResponseHours
          resolutionHours
          region {
            code
            name
          }
        }
      }
    }
  }
`);

export const SetPengaduanStatusMutation = graphql(`
  mutation SetPengaduanStatus($id: ID!, $status: PengaduanStatus!, $note: String, $fixFlags: Boolean) {
    setPengaduanStatus(id: $id, status: $status, note: $note, fixFlags: $fixFlags) {
      id
      status
    }
  }
`);

export const VerivaliQuery = graphql(`
  query VerivaliPage($within: String) {
    verivaliProgress(level: REGENCY, within: $within) {
      region {
        code
        name
      }
      flagged
      fixed
      open
      rate
      fixedByImport
      fixedByWorkflow
      byKind {
        kind
        flagged
        fixed
        rate
      }
      series {
        at
        flagged
        fixed
        rate
      }
    }
  }
`);

export const FunnelQuery = graphql(`
  query RevalidationFunnel($program: String, $year: Int, $within: String, $quota: Int) {
    revalidationFunnel(program: $program, year: $year, within: $within, quota: $quota) {
      step
      label
      households
    }
  }
`);
